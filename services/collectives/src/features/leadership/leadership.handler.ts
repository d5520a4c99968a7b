import { Injectable } from '@nestjs/common';
import { NotFoundError, PersonalDataCipher } from '@opn/kernel';
import { ActorContext, PageQuery, pageOf } from '@opn/service-kit';
import { Access } from '../../access/access';
import { Election, contributionOf, contributionScore, isFullMember } from '../../domain';
import { CollectiveView } from '../../read-models/collectives/collectives.projection';
import { CollectivesHandler, idFor } from '../collectives/collectives.handler';
import { CallElectionDto } from './leadership.dto';

/**
 * Leadership from contribution, not rank: elections (one vote each, a quorum, a term; ballots
 * stay secret, the tally is published at the count) and rotations on a schedule.
 */
@Injectable()
export class LeadershipHandler {
  constructor(
    private readonly access: Access,
    private readonly collectives: CollectivesHandler,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private view(c: CollectiveView, e: Election, viewerId: string, now: string) {
    const statements = c.statements[e.electionId] ?? {};
    return {
      electionId: e.electionId,
      seats: e.seats,
      closesAt: e.closesAt,
      open: e.open,
      electorate: e.electorate.length,
      quorum: e.quorum,
      // As the count sees it: ballots of people still members (those who left no longer weigh).
      turnout: Object.keys(e.ballots).filter((voter) => isFullMember(c, voter)).length,
      candidates: e.candidates.map((p) => {
        const contribution = contributionOf(c, p);
        return { personId: p, ...(statements[p] ? { statement: statements[p] } : {}), contribution: { ...contribution, score: contributionScore(contribution) } };
      }),
      you: {
        mayVote: e.open && now < e.closesAt && e.ballots[viewerId] === undefined && e.electorate.includes(viewerId) && c.members[viewerId] !== undefined && c.members[viewerId].role !== 'guest',
        voted: e.ballots[viewerId] !== undefined,
      },
      ...(c.outcomes[e.electionId] ? { outcome: c.outcomes[e.electionId] } : {}),
    };
  }

  async call(collectiveId: string, dto: CallElectionDto, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    const electionId = idFor('election', ctx);
    await this.collectives.run(collectiveId, { type: 'CallElection', data: { electionId, ...dto, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, electionId, ctx);
  }

  async list(collectiveId: string, page: PageQuery, ctx: ActorContext) {
    const { collective: c, viewer } = await this.access.inside(ctx.actor, collectiveId);
    const all = Object.values(c.elections).sort((a, b) => (a.closesAt < b.closesAt ? 1 : a.closesAt > b.closesAt ? -1 : a.electionId < b.electionId ? -1 : 1));
    const from = (page.page - 1) * page.limit;
    // Candidates' statements are sealed under their author's key (ADR 0009).
    return pageOf(await this.cipher.openAll(all.slice(from, from + page.limit).map((e) => this.view(c, e, viewer.personId, ctx.now))), all.length, page);
  }

  async get(collectiveId: string, electionId: string, ctx: ActorContext) {
    const { collective: c, viewer } = await this.access.inside(ctx.actor, collectiveId);
    const e = c.elections[electionId];
    if (!e) throw new NotFoundError('election not found');
    return this.cipher.open(this.view(c, e, viewer.personId, ctx.now));
  }

  async stand(collectiveId: string, electionId: string, statement: string | undefined, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'StandForElection', data: { electionId, ...(statement !== undefined ? { statement } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, electionId, ctx);
  }

  async vote(collectiveId: string, electionId: string, candidateId: string, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'CastVote', data: { electionId, candidateId, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, electionId, ctx);
  }

  async close(collectiveId: string, electionId: string, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'CloseElection', data: { electionId, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(collectiveId, electionId, ctx);
  }

  async rotate(collectiveId: string, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'RotateLeadership', data: { by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.collectives.get(collectiveId, ctx);
  }
}
