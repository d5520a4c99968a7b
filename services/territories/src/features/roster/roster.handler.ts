import { Inject, Injectable } from '@nestjs/common';
import { EventStore, KeyStore, NotFoundError, PersonalDataCipher, normaliseSiren } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, KEY_STORE, PageQuery, pageOf, readHistory } from '@opn/service-kit';
import { Access, ActingFirm } from '../../access/access';
import { RosterCommand, contactSubject, membershipStatusAt, territories, territoryStreamId } from '../../domain';
import { NetworkIndex } from '../../read-models/network/network.index';
import { foldCity } from '../../read-models/network/firms.projection';
import { MembershipIndex, MembershipView, membershipId } from '../../read-models/roster/memberships.projection';
import { TerritoryIndex } from '../../read-models/territories/territories.projection';
import { AdmitDto, ApplyDto, InviteDto, MembershipFilter, RosterQuery } from './roster.dto';

const PENDING = new Set(['invited', 'applied', 'info_requested']);

/**
 * The onboarding of member firms. Firms act on their own membership through their company
 * (`/companies/{companyId}/memberships/...`, by SIREN from identity's events); coordinators act on
 * the roster (`/territories/{territoryId}/members/...`). A firm that has nothing with a territory,
 * and anyone who does not coordinate it, gets the 404 of an unknown membership.
 */
@Injectable()
export class RosterHandler {
  constructor(
    private readonly commands: Commands,
    private readonly access: Access,
    private readonly memberships: MembershipIndex,
    private readonly territoriesIndex: TerritoryIndex,
    private readonly network: NetworkIndex,
    private readonly cipher: PersonalDataCipher,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private nameOf(m: MembershipView): string | undefined {
    const companyId = this.network.firmBySiren.get(m.siren);
    return (companyId && this.network.firms.get(companyId)?.legalName) || m.name;
  }

  /** What the firm sees of its own application or membership: no group labels, no contact, no other firm. */
  private firmView(m: MembershipView, now: string) {
    const t = this.territoriesIndex.get(m.territoryId);
    return {
      territoryId: m.territoryId,
      territoryName: t?.name ?? null,
      status: membershipStatusAt(m, now),
      origin: m.origin,
      since: m.since,
      ...(m.admittedAt ? { admittedAt: m.admittedAt } : {}),
      ...(m.validUntil ? { validUntil: m.validUntil } : {}),
      ...(m.question && m.status === 'info_requested' ? { question: m.question } : {}),
      ...(m.reason ? { reason: m.reason } : {}),
    };
  }

  /** A roster entry as coordinators see it (`contact` opened only for the detail). */
  private memberView(m: MembershipView, now: string) {
    const companyId = this.network.firmBySiren.get(m.siren);
    return {
      siren: m.siren,
      name: this.nameOf(m) ?? null,
      companyId: companyId ?? m.companyId ?? null,
      onPlatform: companyId !== undefined,
      status: membershipStatusAt(m, now),
      origin: m.origin,
      since: m.since,
      groups: m.groups,
      ...(m.admittedAt ? { admittedAt: m.admittedAt } : {}),
      ...(m.validUntil ? { validUntil: m.validUntil } : {}),
      ...(m.question && m.status === 'info_requested' ? { question: m.question } : {}),
      ...(m.reason ? { reason: m.reason } : {}),
    };
  }

  // ---- the firm's side ---------------------------------------------------------------------

  private ownMembership(firm: ActingFirm, territoryId: string): MembershipView {
    const m = this.memberships.get(membershipId(territoryId, firm.siren));
    if (!m) throw new NotFoundError('membership not found');
    return m;
  }

  async apply(companyId: string, dto: ApplyDto, ctx: ActorContext) {
    const firm = await this.access.firmAdmin(ctx.actor, companyId);
    this.access.territory(dto.territoryId);
    await this.run(dto.territoryId, { type: 'Apply', data: { siren: firm.siren, companyId, ...(dto.message !== undefined ? { message: dto.message } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.firmView(this.ownMembership(firm, dto.territoryId), ctx.now);
  }

  async firmMemberships(companyId: string, page: PageQuery, ctx: ActorContext) {
    const firm = await this.access.firmMember(ctx.actor, companyId);
    const all = this.memberships.ofFirm(firm.siren).sort((a, b) => (a.since > b.since ? -1 : a.since < b.since ? 1 : a.territoryId < b.territoryId ? -1 : 1));
    const from = (page.page - 1) * page.limit;
    return pageOf(all.slice(from, from + page.limit).map((m) => this.firmView(m, ctx.now)), all.length, page);
  }

  async firmMembership(companyId: string, territoryId: string, ctx: ActorContext) {
    const firm = await this.access.firmMember(ctx.actor, companyId);
    return this.firmView(this.ownMembership(firm, territoryId), ctx.now);
  }

  /** One of the firm's own steps: withdraw, accept, decline, answer, leave. */
  async firmStep(companyId: string, territoryId: string, step: 'withdraw' | 'accept' | 'decline' | 'answer' | 'exit', body: { reason?: string; answer?: string }, ctx: ActorContext) {
    const firm = await this.access.firmAdmin(ctx.actor, companyId);
    this.ownMembership(firm, territoryId);
    const base = { siren: firm.siren, by: ctx.actor.personId, now: ctx.now };
    const command: RosterCommand =
      step === 'withdraw'
        ? { type: 'WithdrawApplication', data: base }
        : step === 'accept'
          ? { type: 'AcceptInvitation', data: { ...base, companyId } }
          : step === 'decline'
            ? { type: 'DeclineInvitation', data: { ...base, ...(body.reason !== undefined ? { reason: body.reason } : {}) } }
            : step === 'answer'
              ? { type: 'ProvideInformation', data: { ...base, answer: body.answer! } }
              : { type: 'ExitMembership', data: { ...base, reason: body.reason!, initiatedBy: 'firm' } };
    await this.run(territoryId, command, ctx);
    return this.firmView(this.ownMembership(firm, territoryId), ctx.now);
  }

  // ---- the coordinators' side ----------------------------------------------------------------

  private member(territoryId: string, siren: string): MembershipView {
    const m = this.memberships.get(membershipId(territoryId, normaliseSiren(siren)));
    if (!m) throw new NotFoundError('member not found');
    return m;
  }

  async roster(territoryId: string, query: RosterQuery, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    const words = query.q ? foldCity(query.q).split(' ').filter(Boolean) : [];
    const status = query.status as MembershipFilter | undefined;
    const list = this.memberships
      .roster(territoryId)
      .map((m) => ({ m, status: membershipStatusAt(m, ctx.now), name: this.nameOf(m) ?? '' }))
      .filter((x) => !status || (status === 'pending' ? PENDING.has(x.status) : x.status === status))
      .filter((x) => !query.group || x.m.groups.includes(query.group))
      .filter((x) => words.every((w) => x.m.siren.startsWith(w.replace(/ /g, '')) || foldCity(x.name).split(' ').some((n) => n.startsWith(w))))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr') || (a.m.siren < b.m.siren ? -1 : 1));
    const from = (query.page - 1) * query.limit;
    return pageOf(list.slice(from, from + query.limit).map((x) => this.memberView(x.m, ctx.now)), list.length, query);
  }

  async memberDetail(territoryId: string, siren: string, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    const m = this.member(territoryId, siren);
    const contact = m.contactEmail !== undefined ? String(await this.cipher.open(m.contactEmail)) : undefined;
    return { ...this.memberView(m, ctx.now), ...(contact !== undefined ? { contactEmail: contact } : {}), periods: m.periods };
  }

  async memberHistory(territoryId: string, siren: string, page: PageQuery, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    const m = this.member(territoryId, siren);
    return readHistory(this.store, territoryStreamId(territoryId), page, (event) => {
      const { by, at, territoryId: _t, siren: s, ...details } = event.data as Record<string, unknown> & { by: string; at: string; siren?: string };
      return s === m.siren ? { type: event.type, by, at, details } : null;
    });
  }

  /** Erases the contact of an imported member (personal data): its key is destroyed, everywhere it was written. */
  async eraseContact(territoryId: string, siren: string, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    const m = this.member(territoryId, siren);
    await this.keys.destroy(contactSubject(territoryId, m.siren));
    return { territoryId, siren: m.siren, contactErased: true };
  }

  async invite(territoryId: string, dto: InviteDto, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    const siren = normaliseSiren(dto.siren);
    const companyId = this.network.firmBySiren.get(siren);
    await this.run(
      territoryId,
      {
        type: 'Invite',
        data: {
          siren: dto.siren,
          ...(companyId ? { companyId } : {}),
          ...(dto.message !== undefined ? { message: dto.message } : {}),
          ...(dto.validUntil !== undefined ? { validUntil: dto.validUntil } : {}),
          by: ctx.actor.personId,
          now: ctx.now,
        },
      },
      ctx,
    );
    return this.memberView(this.member(territoryId, siren), ctx.now);
  }

  /** One of the coordinators' steps on a member: ask, admit, refuse, renew, end, regroup. */
  async coordinatorStep(
    territoryId: string,
    siren: string,
    step: 'ask' | 'admit' | 'refuse' | 'renew' | 'exit' | 'groups',
    body: { question?: string; reason?: string; validUntil?: string; groups?: string[] } & AdmitDto,
    ctx: ActorContext,
  ) {
    await this.access.coordinator(ctx.actor, territoryId);
    const m = this.member(territoryId, siren);
    const base = { siren: m.siren, by: ctx.actor.personId, now: ctx.now };
    const command: RosterCommand =
      step === 'ask'
        ? { type: 'RequestInformation', data: { ...base, question: body.question! } }
        : step === 'admit'
          ? { type: 'Admit', data: { ...base, ...(body.validUntil !== undefined ? { validUntil: body.validUntil } : {}), ...(body.groups !== undefined ? { groups: body.groups } : {}) } }
          : step === 'refuse'
            ? { type: 'Refuse', data: { ...base, reason: body.reason! } }
            : step === 'renew'
              ? { type: 'Renew', data: { ...base, validUntil: body.validUntil! } }
              : step === 'exit'
                ? { type: 'ExitMembership', data: { ...base, reason: body.reason!, initiatedBy: 'coordinator' } }
                : { type: 'SetMemberGroups', data: { ...base, groups: body.groups! } };
    await this.run(territoryId, command, ctx);
    return this.memberView(this.member(territoryId, m.siren), ctx.now);
  }

  run(territoryId: string, command: RosterCommand, ctx: ActorContext) {
    return this.commands.handle(territories, territoryId, command, ctx);
  }
}
