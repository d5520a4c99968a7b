import { Inject, Injectable } from '@nestjs/common';
import { EventStore, deterministicId, nafPrefix, newId } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, MONGO, PageQuery, pageOf, readHistory } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { Access, Reach, Viewer, isPlatformAdmin } from '../../access/access';
import { CollectiveCommand, CollectiveStatus, collectiveStreamId, collectives, currentLeaders, fullMembers, openElection } from '../../domain';
import { AlumniTieView, alumniTiesProjection } from '../../read-models/activity/activity.projection';
import { CollectiveIndex, CollectiveView } from '../../read-models/collectives/collectives.projection';
import { CollectiveListQuery, MyCollectivesQuery, ProposeCollectiveDto, UpdateCollectiveDto } from './collectives.dto';

/** What a request creates gets an id derived from its Idempotency-Key when there is one (a retry lands on the same id). */
export const idFor = (kind: string, ctx: ActorContext): string => (ctx.idempotencyKey ? deterministicId(`opn.collectives.${kind}`, ctx.actor.personId, ctx.idempotencyKey) : newId());

/** Upper case without accents or punctuation, for matching words of a name. */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

const MODERATION = new Set(['ContentReported', 'ContentHidden', 'ContentRestored', 'ReportDismissed']);
/** What the history leaves out of each step: ballots' choices, the dissolution's alumni list (see /alumni), and content (see /activity). */
const PRIVATE_DETAILS: Record<string, string[]> = {
  VoteCast: ['candidateId'],
  CollectiveDissolved: ['alumni'],
  AnnouncementPosted: ['text'],
  DocumentAdded: ['title', 'url'],
  ResultRecorded: ['title', 'description', 'url'],
};

const GATHERING: readonly CollectiveStatus[] = ['forming', 'active', 'delivering'];
const ENDED: readonly CollectiveStatus[] = ['dissolving', 'archived'];

/** A NAF prefix filter matches a perimeter sector that contains it or that it contains. */
const sectorsMeet = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/**
 * Collectives themselves: proposing one, discovering those open to you, their card, lifecycle
 * and history, and each person's current, invited and past collectives with their alumni.
 */
@Injectable()
export class CollectivesHandler {
  constructor(
    private readonly commands: Commands,
    private readonly access: Access,
    private readonly index: CollectiveIndex,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  /** Whether the viewer may join now: an open (or invited) collective gathering members, whose perimeter holds one of their firms. */
  canJoin(c: CollectiveView, viewer: Viewer, reach: Reach): boolean {
    if (c.members[viewer.personId] || !GATHERING.includes(c.status)) return false;
    if (c.invitations[viewer.personId]) return true;
    return c.access === 'open' && this.access.inPerimeter(reach, c.perimeter);
  }

  /** The card everyone who may see the collective reads, and what the viewer is to it. */
  card(c: CollectiveView, viewer: Viewer, now: string, reach?: Reach) {
    const members = fullMembers(c);
    const leaders = currentLeaders(c, now);
    const election = openElection(c);
    const you = c.members[viewer.personId];
    return {
      collectiveId: c.collectiveId,
      name: c.name,
      purpose: c.purpose,
      occasion: c.occasion,
      rhythm: c.rhythm,
      access: c.access,
      perimeter: c.perimeter,
      ...(c.expectedEnd ? { expectedEnd: c.expectedEnd } : {}),
      status: c.status,
      minMembers: c.minMembers,
      governance: c.governance,
      initiatorId: c.initiator,
      memberCount: members.length,
      guestCount: Object.keys(c.members).length - members.length,
      leaders: leaders.map((p) => ({ personId: p, termEnds: c.members[p].termEnds })),
      companyIds: [...new Set(Object.values(c.members).flatMap((m) => (m.companyId ? [m.companyId] : [])))].sort(),
      ...(election ? { openElection: { electionId: election.electionId, seats: election.seats, closesAt: election.closesAt } } : {}),
      ...(c.alumniTies !== undefined ? { alumni: c.alumni?.length ?? 0, alumniTies: c.alumniTies } : {}),
      lifecycle: c.lifecycle,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      you: {
        standing: this.access.standing(viewer, c),
        ...(you ? { role: you.role, since: you.since, ...(you.companyId ? { companyId: you.companyId } : {}) } : {}),
        ...(c.invitations[viewer.personId] ? { invitedAs: c.invitations[viewer.personId] } : {}),
        ...(reach ? { canJoin: this.canJoin(c, viewer, reach) } : {}),
      },
    };
  }

  async propose(dto: ProposeCollectiveDto, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const companyId = this.access.ownCompany(viewer, dto.companyId);
    await this.access.knownTerritories(dto.perimeter?.territories ?? []);
    const collectiveId = idFor('collective', ctx);
    await this.run(
      collectiveId,
      {
        type: 'ProposeCollective',
        data: {
          collectiveId,
          ...dto,
          occasion: { ...dto.occasion },
          ...(dto.perimeter ? { perimeter: { ...dto.perimeter } } : {}),
          ...(dto.governance ? { governance: { ...dto.governance } } : {}),
          ...(companyId ? { companyId } : {}),
          by: ctx.actor.personId,
          now: ctx.now,
        },
      },
      ctx,
    );
    return this.get(collectiveId, ctx);
  }

  /** Discovery: open collectives whose perimeter holds one of your firms and those you are invited to (or every one you may see), filtered, newest first. */
  async list(query: CollectiveListQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const reach = await this.access.reach(viewer, ctx.now);
    const scope = query.scope ?? 'open-to-me';
    const words = query.q ? fold(query.q).split(' ').filter(Boolean) : [];
    const sector = query.sector ? nafPrefix(query.sector, 'sector') : undefined;
    const matches = [...this.index.values()]
      .filter((c) => this.access.canSee(viewer, c))
      .filter((c) => (query.status ? c.status === query.status : c.status !== 'archived'))
      .filter((c) => (scope === 'visible' ? true : c.members[viewer.personId] !== undefined || this.canJoin(c, viewer, reach) || (c.invitations[viewer.personId] !== undefined && !ENDED.includes(c.status))))
      .filter((c) => (query.rhythm ? c.rhythm === query.rhythm : true))
      .filter((c) => (query.territoryId ? c.perimeter.territories.includes(query.territoryId) : true))
      .filter((c) => (sector === undefined ? true : c.perimeter.sectors.some((s) => sectorsMeet(s, sector))))
      .filter((c) => words.every((w) => fold(`${c.name} ${c.occasion.title}`).split(' ').some((n) => n.startsWith(w))))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.collectiveId < b.collectiveId ? -1 : 1));
    const from = (query.page - 1) * query.limit;
    return pageOf(
      matches.slice(from, from + query.limit).map((c) => this.card(c, viewer, ctx.now, reach)),
      matches.length,
      query,
    );
  }

  async get(collectiveId: string, ctx: ActorContext) {
    const { viewer, collective } = await this.access.visible(ctx.actor, collectiveId);
    return this.card(collective, viewer, ctx.now, await this.access.reach(viewer, ctx.now));
  }

  async update(collectiveId: string, dto: UpdateCollectiveDto, ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.access.knownTerritories(dto.perimeter?.territories ?? []);
    await this.run(
      collectiveId,
      {
        type: 'UpdateCollective',
        data: {
          ...dto,
          ...(dto.occasion ? { occasion: { ...dto.occasion } } : {}),
          ...(dto.perimeter ? { perimeter: { ...dto.perimeter } } : {}),
          by: ctx.actor.personId,
          now: ctx.now,
        },
      },
      ctx,
    );
    return this.get(collectiveId, ctx);
  }

  /** A lifecycle step (the decider checks the state and the viewer's role in it). */
  async step(collectiveId: string, type: 'StartForming' | 'Activate' | 'StartDelivering' | 'Archive', ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.run(collectiveId, { type, data: { by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, ctx);
  }

  async dissolve(collectiveId: string, reason: string | undefined, ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.run(collectiveId, { type: 'Dissolve', data: { ...(reason !== undefined ? { reason } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, ctx);
  }

  async cancel(collectiveId: string, reason: string, ctx: ActorContext) {
    await this.access.visible(ctx.actor, collectiveId);
    await this.run(collectiveId, { type: 'CancelCollective', data: { reason, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, ctx);
  }

  /**
   * Who did what and when, for the people in it: ballots show who voted, never for whom; content
   * shows by id (its text is in the activity feed, which hides what moderators hid); reports and
   * moderation decisions are for the moderators; alumni ties are listed apart.
   */
  async history(collectiveId: string, page: PageQuery, ctx: ActorContext) {
    const { collective, viewer } = await this.access.inside(ctx.actor, collectiveId);
    const moderator = currentLeaders(collective, ctx.now).includes(viewer.personId) || isPlatformAdmin(viewer);
    return readHistory(this.store, collectiveStreamId(collectiveId), page, (event) => {
      if (event.type === 'AlumniTieFormed') return null;
      if (MODERATION.has(event.type) && !moderator) return null;
      const { by, at, collectiveId: _c, ...details } = event.data as Record<string, unknown> & { by: string; at: string };
      for (const field of PRIVATE_DETAILS[event.type] ?? []) delete details[field];
      return { type: event.type, by, at, details };
    });
  }

  /** The alumni of a dissolved collective, with when each was in it (for its alumni, members and platform admins). */
  async alumni(collectiveId: string, page: PageQuery, ctx: ActorContext) {
    const { collective } = await this.access.inside(ctx.actor, collectiveId);
    const all = collective.alumni ?? [];
    const from = (page.page - 1) * page.limit;
    return pageOf(all.slice(from, from + page.limit), all.length, page);
  }

  /** What collectives knows of the caller from identity's events. */
  async me(ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const reach = await this.access.reach(viewer, ctx.now);
    return {
      personId: viewer.personId,
      /** Whether identity's registration of the person has reached collectives (others can invite them from then on). */
      known: await this.access.knownPerson(viewer.personId).then(
        () => true,
        () => false,
      ),
      companies: reach.firms.map((f) => ({ companyId: f.companyId, nafCode: f.nafCode, territories: [...f.territories].sort() })),
      platformRoles: viewer.platformRoles,
    };
  }

  /** The caller's collectives: current ones, invitations waiting, or past ones (dissolved or archived, with their alumni count). */
  async mine(query: MyCollectivesQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const which = query.which ?? 'current';
    const me = viewer.personId;
    const matches = this.index
      .of(me)
      .filter((c) => {
        if (which === 'invited') return c.invitations[me] !== undefined && !ENDED.includes(c.status);
        if (which === 'past') return ENDED.includes(c.status) && (c.members[me] !== undefined || c.alumni?.some((a) => a.personId === me));
        return c.members[me] !== undefined && c.status !== 'archived';
      })
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.collectiveId < b.collectiveId ? -1 : 1));
    const from = (query.page - 1) * query.limit;
    return pageOf(
      matches.slice(from, from + query.limit).map((c) => {
        const mine = c.alumni?.find((a) => a.personId === me);
        return { ...this.card(c, viewer, ctx.now), ...(mine ? { youWereIn: { from: mine.from, to: mine.to } } : {}) };
      }),
      matches.length,
      query,
    );
  }

  /**
   * The caller's alumni: everyone they were in a dissolved collective with, one row per person
   * and collective, with the first and last instant they were both in it; most recent first.
   */
  async myAlumni(page: PageQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const me = viewer.personId;
    const ties = this.mongo.collection<AlumniTieView>(alumniTiesProjection.collection);
    const [total, docs] = await Promise.all([
      ties.countDocuments({ personIds: me }),
      ties
        .find({ personIds: me })
        .sort({ to: -1, collectiveId: 1, personIds: 1 })
        .skip((page.page - 1) * page.limit)
        .limit(page.limit)
        .toArray(),
    ]);
    return pageOf(
      docs.map((t) => {
        const other = t.personIds[0] === me ? 1 : 0;
        const companyId = t.companyIds[other];
        return { personId: t.personIds[other], ...(companyId ? { companyId } : {}), collectiveId: t.collectiveId, collectiveName: t.collectiveName, from: t.from, to: t.to };
      }),
      total,
      page,
    );
  }

  run(collectiveId: string, command: CollectiveCommand, ctx: ActorContext) {
    return this.commands.handle(collectives, collectiveId, command, ctx);
  }
}
