import { Inject, Injectable } from '@nestjs/common';
import { EventStore, IllegalStateError, NotFoundError } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, PageQuery, SERVICE_CONFIG, readHistory } from '@opn/service-kit';
import { Access, Viewer, isCoordinator, isPlatformAdmin } from '../../access/access';
import { TieCommand, countsInCompanyReach, countsInTerritoryReach, tieIdOf, tieStreamId, ties } from '../../domain';
import { PersonPlace, Reach, computeReach } from '../../read-models/ties/reach';
import type { TieView } from '../../read-models/ties/ties.projection';
import { TieFilters, TiesQuery } from '../../read-models/ties/ties.query';
import type { RelationsConfig } from '../../relations.service';
import { ContactDto, DeclareTieDto, UpdateTieDto } from './ties.dto';

const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;

/**
 * Personal ties: a person acts for themself only (the decider checks they are one of the two
 * people, with the same 404 for an unknown tie and someone else's). Declaring or confirming needs
 * the `personal_ties` consent, as relations' read model of identity's consents says: without it,
 * 409 `consent personal_ties is required` (a state of the caller's own account they can change,
 * not a permission they lack: 409 rather than 403).
 */
@Injectable()
export class TiesHandler {
  constructor(
    private readonly commands: Commands,
    private readonly access: Access,
    private readonly query: TiesQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: RelationsConfig,
  ) {}

  private async consenting(ctx: ActorContext): Promise<Viewer> {
    const viewer = await this.access.viewer(ctx.actor);
    if (!viewer.consents.personal_ties) throw new IllegalStateError('consent personal_ties is required');
    return viewer;
  }

  async declare(dto: DeclareTieDto, ctx: ActorContext) {
    await this.consenting(ctx);
    const by = ctx.actor.personId;
    if (dto.otherPersonId !== by) {
      const other = (await this.access.peopleById([dto.otherPersonId])).get(dto.otherPersonId);
      if (!other || other.erased) throw new NotFoundError('person not found');
    }
    const tieId = tieIdOf(by, dto.otherPersonId);
    const { revision } = await this.commands.handle(ties, tieId, { type: 'DeclareTie', data: { tieId, by, ...dto, now: ctx.now } }, ctx);
    return { tieId, status: 'proposed' as const, revision };
  }

  async confirm(tieId: string, visibility: DeclareTieDto['visibility'], ctx: ActorContext) {
    await this.consenting(ctx);
    return this.act(tieId, ctx, (by) => ({ type: 'ConfirmTie', data: { by, visibility, now: ctx.now } }));
  }

  decline(tieId: string, ctx: ActorContext) {
    return this.act(tieId, ctx, (by) => ({ type: 'DeclineTie', data: { by, now: ctx.now } }));
  }

  end(tieId: string, ctx: ActorContext) {
    return this.act(tieId, ctx, (by) => ({ type: 'EndTie', data: { by, now: ctx.now } }));
  }

  contact(tieId: string, dto: ContactDto, ctx: ActorContext) {
    return this.act(tieId, ctx, (by) => ({ type: 'RecordContact', data: { by, on: dto.on, dormantAfterDays: this.config.dormantAfterDays, now: ctx.now } }));
  }

  update(tieId: string, dto: UpdateTieDto, ctx: ActorContext) {
    return this.act(tieId, ctx, (by) => ({ type: 'UpdateTie', data: { by, ...dto, now: ctx.now } }));
  }

  visibility(tieId: string, visibility: DeclareTieDto['visibility'], ctx: ActorContext) {
    return this.act(tieId, ctx, (by) => ({ type: 'ChangeTieVisibility', data: { by, visibility, now: ctx.now } }));
  }

  private async act(tieId: string, ctx: ActorContext, command: (by: string) => TieCommand) {
    const { state, revision } = await this.commands.handle(ties, tieId, command(ctx.actor.personId), ctx, { ifMatch: true });
    return { tieId, status: state.status, revision };
  }

  async get(tieId: string, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    return this.query.visible(tieId, viewer, ctx.now, this.config.dormantAfterDays);
  }

  async mine(filters: TieFilters, page: PageQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    return this.query.ofPerson(viewer.personId, viewer, filters, page, ctx.now, this.config.dormantAfterDays);
  }

  /** A person's ties: only their confirmed ties open to members, for any signed-in member; the person themself sees all theirs. */
  async ofPerson(personId: string, page: PageQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    // An id relations does not know (or an erased person) is a 404, like anywhere else.
    const known = (await this.access.peopleById([personId])).get(personId);
    if (personId !== viewer.personId && (!known || known.erased)) throw new NotFoundError('person not found');
    return this.query.ofPerson(personId, viewer, {}, page, ctx.now, this.config.dormantAfterDays);
  }

  /**
   * Who did what and when on a tie, every period included, for its two people only: anyone else
   * gets the 404 of an unknown tie, even for a tie open to members (the safer choice: the
   * history shows past proposals, declines and narrower visibilities that members never saw).
   * The note is opened by the event store (or reads `[erased]`).
   */
  async history(tieId: string, page: PageQuery, ctx: ActorContext) {
    await this.query.own(tieId, await this.access.viewer(ctx.actor));
    return readHistory(this.store, tieStreamId(tieId), page, (event) => {
      const { tieId: _id, by, at, ...details } = event.data as { tieId: string; by: string; at: string };
      return { type: event.type, by, at, details };
    });
  }

  /** A company's reach through its people's ties, for its company admins and platform admins (others: 404). */
  async companyReach(companyId: string, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    if (!viewer.adminOf.includes(companyId) && !isPlatformAdmin(viewer)) throw new NotFoundError('company not found');
    const company = await this.access.company(companyId);
    if (!company) throw new NotFoundError('company not found');
    const insiders = new Set(Object.keys(company.members ?? {}));
    return { companyId, k: this.config.reachMinPeople, ...(await this.reach(insiders, countsInCompanyReach)) };
  }

  /** A territory's reach through the ties of its companies' people, for coordinators and platform admins (others: 404). */
  async territoryReach(departement: string, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    if (!DEPARTEMENT.test(departement) || (!isCoordinator(viewer) && !isPlatformAdmin(viewer))) throw new NotFoundError('territory not found');
    const insiders = new Set<string>();
    for (const c of await this.access.companiesIn(departement)) for (const p of Object.keys(c.members ?? {})) insiders.add(p);
    return { departement, k: this.config.reachMinPeople, ...(await this.reach(insiders, countsInTerritoryReach)) };
  }

  private async reach(insiders: Set<string>, counts: (effective: TieView['effective']) => boolean): Promise<Reach> {
    const counted = this.query.tiesOf(insiders).filter((t) => t.status === 'confirmed' && counts(t.effective));
    const contacts = new Set(counted.flatMap((t) => t.people));
    const people = await this.access.peopleById([...contacts]);
    const companies = await this.access.companies([...people.values()].flatMap((p) => Object.keys(p.companies ?? {})));
    const placeOf = (personId: string): PersonPlace => {
      const known = Object.keys(people.get(personId)?.companies ?? {})
        .map((id) => companies.get(id))
        .filter((c) => c !== undefined);
      return {
        sectors: known.map((c) => c.sector).filter((s) => !!s),
        departements: known.map((c) => c.departement).filter((d): d is string => !!d),
      };
    };
    return computeReach(counted, (p) => insiders.has(p), placeOf, this.config.reachMinPeople);
  }
}
