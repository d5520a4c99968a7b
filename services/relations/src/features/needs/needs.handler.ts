import { Inject, Injectable } from '@nestjs/common';
import { EventStore, ForbiddenError, NotFoundError, deterministicId, newId } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, PageQuery, readHistory } from '@opn/service-kit';
import { Access, Viewer, isCoordinator, isModerator, isPlatformAdmin } from '../../access/access';
import { Authority, ContentTarget, ModerationAuthority, NeedCommand, RecordedOutcome, needStreamId, needs } from '../../domain';
import { historyActorFor, historyStepFor, needForReader } from '../../read-models/needs/need-visibility';
import { NeedFilters, NeedsQuery } from '../../read-models/needs/needs.query';
import { TieIndex } from '../../read-models/ties/ties.projection';
import { ExpressInterestDto, IntroductionDto, MeetingDto, PublishNeedDto, RecordOutcomeDto, ShortlistDto } from './needs.dto';

/**
 * The id of what a request creates (a need, an introduction, a meeting, a report): derived from
 * the Idempotency-Key when there is one, so a retried request lands on the same id and its stream
 * answers it as a replay instead of creating a second one.
 */
const idFor = (kind: string, ctx: ActorContext): string => (ctx.idempotencyKey ? deterministicId(`opn.relations.${kind}`, ctx.actor.personId, ctx.idempotencyKey) : newId());

/** The authority a moderator acts with (a platform admin's when they are both). */
export const moderationAuthorityOf = (viewer: Viewer): ModerationAuthority => (isPlatformAdmin(viewer) ? 'platform_admin' : 'coordinator');

/**
 * Whether a person knows both sides of an introduction: for each of the two companies, they are a
 * member of it or have a confirmed tie with one of its members. Only their own ties count (they
 * are one of the two people of each), so nothing about anyone else's ties is read or revealed.
 */
export function knowsBothSides(viewer: Pick<Viewer, 'companyIds'>, contacts: ReadonlySet<string>, sides: Array<{ companyId: string; members: readonly string[] }>): boolean {
  return sides.every((side) => viewer.companyIds.includes(side.companyId) || side.members.some((m) => contacts.has(m)));
}

/**
 * Who may introduce a partner, by `via`: `platform` a platform admin, `coordinator` a territory
 * coordinator, `person` a person who knows both sides (`knowsBothSides`). Anything else: 403.
 */
export function introductionAuthority(viewer: Viewer, via: IntroductionDto['via'], knowsBoth: boolean): Authority {
  switch (via) {
    case 'platform':
      if (!isPlatformAdmin(viewer)) throw new ForbiddenError('only a platform admin can introduce via the platform');
      return 'platform_admin';
    case 'coordinator':
      if (!isCoordinator(viewer)) throw new ForbiddenError('only a territory coordinator can introduce via a coordinator');
      return 'coordinator';
    case 'person':
      if (!knowsBoth) {
        throw new ForbiddenError('only a person who knows both sides can introduce them: a member of each company, or with a confirmed tie to one of its members');
      }
      return 'member';
  }
}

/**
 * Partnership needs: the handler resolves who acts for which company (relations' own read model
 * of memberships) and whether the need is visible to them (404 otherwise, as for an unknown id);
 * the decider checks what only the need's history knows.
 */
@Injectable()
export class NeedsHandler {
  constructor(
    private readonly commands: Commands,
    private readonly access: Access,
    private readonly query: NeedsQuery,
    private readonly ties: TieIndex,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async publish(companyId: string, dto: PublishNeedDto, ctx: ActorContext) {
    await this.access.member(ctx.actor, companyId);
    const needId = idFor('need', ctx);
    await this.run(needId, { type: 'PublishNeed', data: { needId, actingCompanyId: companyId, ...dto, capabilities: dto.capabilities ?? [], by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { needId };
  }

  async discover(filters: NeedFilters, page: PageQuery, ctx: ActorContext) {
    return this.query.discover(await this.access.viewer(ctx.actor), filters, page);
  }

  async forCompany(companyId: string, status: 'open' | 'closed' | undefined, page: PageQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    if (!viewer.companyIds.includes(companyId) && !isModerator(viewer)) throw new NotFoundError('company not found');
    return this.query.forCompany(companyId, viewer, status, page);
  }

  async get(needId: string, ctx: ActorContext) {
    const { need, reader, scope } = await this.query.visible(needId, await this.access.viewer(ctx.actor));
    return needForReader(need, reader, scope);
  }

  /** Who did what and when, each step as the reader may see it (see need-visibility.ts). */
  async history(needId: string, page: PageQuery, ctx: ActorContext) {
    const { need, reader, scope } = await this.query.visible(needId, await this.access.viewer(ctx.actor));
    const hiddenInterests = need.interests.filter((i) => i.hidden).map((i) => i.companyId);
    return readHistory(this.store, needStreamId(needId), page, (event) => {
      const data = event.data as Record<string, unknown> & { by: string; at: string };
      const details = historyStepFor({ type: event.type, data }, need, reader, scope, hiddenInterests);
      return details ? { type: event.type, by: historyActorFor({ type: event.type, data }, reader), at: data.at, details } : null;
    });
  }

  async expressInterest(needId: string, dto: ExpressInterestDto, ctx: ActorContext) {
    const viewer = await this.access.member(ctx.actor, dto.companyId);
    await this.query.visible(needId, viewer);
    await this.run(needId, { type: 'ExpressInterest', data: { actingCompanyId: dto.companyId, ...(dto.message !== undefined ? { message: dto.message } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { needId, companyId: dto.companyId, status: 'interested' as const };
  }

  async withdrawInterest(needId: string, companyId: string, ctx: ActorContext) {
    const viewer = await this.access.member(ctx.actor, companyId);
    await this.query.visible(needId, viewer);
    await this.run(needId, { type: 'WithdrawInterest', data: { actingCompanyId: companyId, by: ctx.actor.personId, now: ctx.now } }, ctx);
  }

  async shortlist(needId: string, dto: ShortlistDto, ctx: ActorContext) {
    const viewer = await this.access.member(ctx.actor, dto.companyId);
    await this.query.visible(needId, viewer);
    await this.run(needId, { type: 'Shortlist', data: { actingCompanyId: dto.companyId, partnerCompanyId: dto.partnerCompanyId, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { needId, partnerCompanyId: dto.partnerCompanyId, shortlisted: true };
  }

  async removeFromShortlist(needId: string, companyId: string, partnerCompanyId: string, ctx: ActorContext) {
    const viewer = await this.access.member(ctx.actor, companyId);
    await this.query.visible(needId, viewer);
    await this.run(needId, { type: 'RemoveFromShortlist', data: { actingCompanyId: companyId, partnerCompanyId, by: ctx.actor.personId, now: ctx.now } }, ctx);
  }

  async introduce(needId: string, dto: IntroductionDto, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const { need } = await this.query.visible(needId, viewer);
    const partner = dto.partnerCompanyId !== need.companyId ? await this.access.existingCompany(dto.partnerCompanyId, 'partner company') : undefined;
    let knowsBoth = false;
    if (dto.via === 'person' && partner) {
      const publisher = await this.access.company(need.companyId);
      const contacts = new Set(
        this.ties
          .entriesFor(viewer.personId)
          .filter(([, t]) => t.status === 'confirmed')
          .flatMap(([, t]) => t.people.filter((p) => p !== viewer.personId)),
      );
      knowsBoth = knowsBothSides(viewer, contacts, [
        { companyId: need.companyId, members: Object.keys(publisher?.members ?? {}) },
        { companyId: partner._id, members: Object.keys(partner.members ?? {}) },
      ]);
    }
    const authority = introductionAuthority(viewer, dto.via, knowsBoth);
    const introductionId = idFor('introduction', ctx);
    await this.run(
      needId,
      { type: 'MakeIntroduction', data: { introductionId, partnerCompanyId: dto.partnerCompanyId, via: dto.via, ...(dto.note !== undefined ? { note: dto.note } : {}), by: ctx.actor.personId, authority, now: ctx.now } },
      ctx,
    );
    return { introductionId };
  }

  async logMeeting(needId: string, dto: MeetingDto, ctx: ActorContext) {
    const viewer = await this.access.member(ctx.actor, dto.companyId);
    await this.query.visible(needId, viewer);
    const meetingId = idFor('meeting', ctx);
    await this.run(
      needId,
      { type: 'LogMeeting', data: { meetingId, actingCompanyId: dto.companyId, partnerCompanyId: dto.partnerCompanyId, on: dto.on, ...(dto.note !== undefined ? { note: dto.note } : {}), by: ctx.actor.personId, now: ctx.now } },
      ctx,
    );
    return { meetingId };
  }

  async recordOutcome(needId: string, dto: RecordOutcomeDto, ctx: ActorContext) {
    const viewer = await this.access.member(ctx.actor, dto.companyId);
    await this.query.visible(needId, viewer);
    const { kind, partnerCompanyId, relationKind, reason } = dto.outcome;
    const outcome = (kind === 'agreement' ? { kind, partnerCompanyId, relationKind } : reason !== undefined ? { kind, reason } : { kind }) as RecordedOutcome;
    await this.run(needId, { type: 'RecordOutcome', data: { actingCompanyId: dto.companyId, outcome, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { needId, status: 'closed' as const, outcome: { kind } };
  }

  async report(needId: string, target: ContentTarget, reason: string, ctx: ActorContext) {
    await this.query.visible(needId, await this.access.viewer(ctx.actor));
    const reportId = idFor('report', ctx);
    await this.run(needId, { type: 'ReportContent', data: { reportId, target, reason, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { reportId };
  }

  /** Moderators only; to anyone else the need does not exist here. */
  async restore(needId: string, target: ContentTarget, reason: string, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    if (!isModerator(viewer)) throw new NotFoundError('need not found');
    await this.query.visible(needId, viewer);
    await this.run(needId, { type: 'RestoreContent', data: { target, reason, by: ctx.actor.personId, authority: moderationAuthorityOf(viewer), now: ctx.now } }, ctx);
    return { needId, restored: target };
  }

  run(needId: string, command: NeedCommand, ctx: ActorContext) {
    return this.commands.handle(needs, needId, command, ctx);
  }
}
