import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, PersonalDataCipher } from '@opn/kernel';
import { ActorContext, MONGO, PageQuery, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { Access } from '../../access/access';
import { contributionOf, contributionScore, currentLeaders } from '../../domain';
import { ActivityView, activityProjection } from '../../read-models/activity/activity.projection';
import { CollectivesHandler } from '../collectives/collectives.handler';
import { InviteDto, JoinDto } from './members.dto';

const ROLE_ORDER = { leader: 0, initiator: 1, member: 2, guest: 3 } as const;

/** Who is in a collective and how they got there: invitations, joining within the perimeter, leaving, removal; and what each contributed. */
@Injectable()
export class MembersHandler {
  constructor(
    private readonly access: Access,
    private readonly collectives: CollectivesHandler,
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The people in it with their roles, companies and contributions: leaders first, then by contribution. */
  async list(collectiveId: string, page: PageQuery, ctx: ActorContext) {
    const { collective: c } = await this.access.inside(ctx.actor, collectiveId);
    const leaders = currentLeaders(c, ctx.now);
    const rows = Object.values(c.members)
      .map((m) => {
        const contribution = contributionOf(c, m.personId);
        const leading = leaders.includes(m.personId);
        return {
          personId: m.personId,
          role: m.role === 'leader' && !leading ? (m.personId === c.initiator ? ('initiator' as const) : ('member' as const)) : m.role,
          ...(m.companyId ? { companyId: m.companyId } : {}),
          since: m.since,
          ...(leading && m.termEnds ? { leadsUntil: m.termEnds } : {}),
          ...(m.role === 'leader' && !leading ? { ledUntil: m.termEnds } : {}),
          contribution: { ...contribution, score: contributionScore(contribution) },
        };
      })
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || b.contribution.score - a.contribution.score || a.since.localeCompare(b.since) || a.personId.localeCompare(b.personId));
    const from = (page.page - 1) * page.limit;
    return pageOf(rows.slice(from, from + page.limit), rows.length, page);
  }

  /** A member's (or alumnus's) contribution log: counts, and what they posted, shared, delivered and attended, newest first. Hidden content does not count. */
  async contributions(collectiveId: string, personId: string, page: PageQuery, ctx: ActorContext) {
    const { collective: c } = await this.access.inside(ctx.actor, collectiveId);
    if (!c.members[personId] && !c.alumni?.some((a) => a.personId === personId) && !c.stints.some((s) => s.personId === personId)) throw new NotFoundError('member not found');
    const activity = this.mongo.collection<ActivityView>(activityProjection.collection);
    const filter = { collectiveId, credited: personId, hidden: false };
    const [total, items] = await Promise.all([
      activity.countDocuments(filter),
      activity
        .find(filter)
        .sort({ at: -1, itemId: 1 })
        .skip((page.page - 1) * page.limit)
        .limit(page.limit)
        .toArray(),
    ]);
    const counts = contributionOf(c, personId);
    return {
      personId,
      contribution: { ...counts, score: contributionScore(counts) },
      ...pageOf(
        await this.cipher.openAll(items.map((i) => ({
          kind: i.kind,
          itemId: i.itemId,
          at: i.kind === 'meeting' ? (i.startsAt ?? i.at) : i.at,
          ...(i.title ? { title: i.title } : {}),
          ...(i.text ? { text: i.text } : {}),
          ...(i.resultKind ? { resultKind: i.resultKind } : {}),
          ...(i.kind === 'meeting' ? { attended: true } : {}),
        }))),
        total,
        page,
      ),
    };
  }

  async invite(collectiveId: string, dto: InviteDto, ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.access.knownPerson(dto.personId);
    await this.collectives.run(collectiveId, { type: 'InviteMember', data: { personId: dto.personId, ...(dto.role ? { role: dto.role } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { collectiveId, personId: dto.personId, invitedAs: dto.role ?? 'member' };
  }

  async decline(collectiveId: string, ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'DeclineInvitation', data: { by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { collectiveId, declined: true };
  }

  /**
   * Joins an open collective whose perimeter holds one of your firms (the one named, or the first
   * that qualifies), or one you were invited to; 403 outside the perimeter.
   */
  async join(collectiveId: string, dto: JoinDto, ctx: ActorContext) {
    const { viewer, collective: c } = await this.access.visible(ctx.actor, collectiveId);
    const named = this.access.ownCompany(viewer, dto.companyId);
    const reach = await this.access.reach(viewer, ctx.now);
    const invited = c.invitations[viewer.personId] !== undefined;
    if (!invited && !c.members[viewer.personId] && c.access === 'open' && !this.access.inPerimeter(reach, c.perimeter, named)) {
      throw new ForbiddenError(
        named ? 'this company is outside the collective’s perimeter (its territories and sectors)' : 'none of your companies is in the collective’s perimeter (its territories and sectors)',
      );
    }
    const companyId =
      named ?? reach.firms.find((f) => this.access.inPerimeter({ firms: [f] }, c.perimeter))?.companyId ?? (viewer.companyIds.length === 1 ? viewer.companyIds[0] : undefined);
    await this.collectives.run(collectiveId, { type: 'Join', data: { ...(companyId ? { companyId } : {}), by: viewer.personId, now: ctx.now } }, ctx);
    return this.collectives.get(collectiveId, ctx);
  }

  async leave(collectiveId: string, reason: string | undefined, ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'Leave', data: { ...(reason !== undefined ? { reason } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    // Not the card: an invitation-only collective is no longer visible to someone who left it.
    return { collectiveId, left: true };
  }

  async remove(collectiveId: string, personId: string, reason: string, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'RemoveMember', data: { personId, reason, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { collectiveId, personId, removed: true };
  }
}
