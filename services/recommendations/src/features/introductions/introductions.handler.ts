import { Inject, Injectable } from '@nestjs/common';
import { PersonErasedV1 } from '@opn/identity-contracts';
import { Clock, deterministicId, IllegalStateError, invalid, KeyStore, newId, NotFoundError, PersonalDataCipher } from '@opn/kernel';
import { WarmPath } from '@opn/recommender';
import { ActorContext, CLOCK, Commands, KEY_STORE, OnIntegrationEvent, pageOf, reactingTo } from '@opn/service-kit';
import { Access } from '../../access/access';
import { introductions, writerSubject } from '../../domain';
import { IntroductionIndex, IntroductionView, reachedTarget } from '../../read-models/introductions/introductions.projection';
import { NetworkIndex } from '../../read-models/network/network.index';
import { NetworkSnapshots } from '../../read-models/network/network.snapshots';
import { DeclineDto, IntroductionListQuery, RequestIntroductionDto, WarmPathQuery } from './introductions.dto';

/** Most warm paths one query lists. */
export const MAX_PATHS = 50;

/**
 * Warm introductions: the strongest paths from the viewer to a company through people who
 * consented to broker introductions, and the double-opt-in request along one of them (each broker
 * in turn, then the target, accepts or declines; the requester may withdraw while it is pending).
 */
@Injectable()
export class IntroductionsHandler {
  constructor(
    private readonly access: Access,
    private readonly network: NetworkIndex,
    private readonly snapshots: NetworkSnapshots,
    private readonly index: IntroductionIndex,
    private readonly commands: Commands,
    private readonly cipher: PersonalDataCipher,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The company, known here, and not one of the viewer's own (404 / 400). */
  private targetCompany(companyId: string, own: readonly string[]): void {
    if (!this.network.firms.has(companyId)) throw new NotFoundError('company not found');
    if (own.includes(companyId)) throw invalid('companyId', 'is your own company: ask a colleague');
  }

  warmPaths(query: WarmPathQuery, ctx: ActorContext) {
    const viewer = this.access.viewer(ctx.actor);
    this.targetCompany(query.companyId, viewer.companyIds);
    const paths = this.snapshots.cached(`paths ${viewer.personId} ${query.companyId}`, () => {
      const net = this.snapshots.peopleNetwork();
      const from = net.graph.index.get(viewer.personId);
      if (from === undefined) return [];
      const targets = this.network.membersOf(query.companyId).flatMap((id) => net.graph.index.get(id) ?? []);
      return net.finder.find(from, targets, MAX_PATHS).map((p: WarmPath) => ({ people: p.people.map((i) => net.graph.ids[i]), strength: p.strength }));
    });
    const net = this.snapshots.peopleNetwork();
    const from = (query.page - 1) * query.limit;
    const items = paths.slice(from, from + query.limit).map((p, i) => ({
      rank: from + i + 1,
      strength: Number(p.strength.toFixed(4)),
      people: p.people.map((personId, k) => ({
        personId,
        role: k === 0 ? 'you' : k === p.people.length - 1 ? 'target' : 'broker',
        companyIds: Object.keys(this.network.people.get(personId)?.companies ?? {}).sort(),
      })),
      hops: p.people.slice(1).map((to, k) => {
        const fromId = p.people[k];
        return { from: fromId, to, strength: Number(this.hopStrength(fromId, to).toFixed(4)), ...net.basis(fromId, to) };
      }),
      brokerIds: p.people.slice(1, -1),
    }));
    return pageOf(items, paths.length, query);
  }

  private hopStrength(a: string, b: string): number {
    const net = this.snapshots.peopleNetwork();
    const i = net.graph.index.get(a);
    const j = net.graph.index.get(b);
    if (i === undefined || j === undefined) return 0;
    for (let k = net.paths.offsets[i]; k < net.paths.offsets[i + 1]; k++) if (net.paths.neighbours[k] === j) return net.paths.strengths[k];
    return 0;
  }

  async request(dto: RequestIntroductionDto, ctx: ActorContext) {
    const viewer = this.access.viewer(ctx.actor);
    this.targetCompany(dto.targetCompanyId, viewer.companyIds);
    if (!this.network.membersOf(dto.targetCompanyId).includes(dto.targetPersonId)) throw invalid('targetPersonId', 'is not a member of the target company');
    if (dto.needId) {
      const need = this.network.needs.get(dto.needId);
      if (!need || !viewer.companyIds.includes(need.companyId)) throw new NotFoundError('need not found');
    }
    const path = [viewer.personId, ...dto.brokerIds, dto.targetPersonId];
    if (new Set(path).size !== path.length) throw invalid('brokerIds', 'must name different people, neither you nor the target');
    let strength = 1;
    for (let k = 1; k < path.length; k++) {
      const s = this.hopStrength(path[k - 1], path[k]);
      if (s === 0) throw new IllegalStateError(`no tie between ${k === 1 ? 'you' : `broker ${k - 1}`} and ${k === path.length - 1 ? 'the target' : `broker ${k}`} that may be used: ask for a path from /me/warm-paths`);
      strength *= s;
    }
    dto.brokerIds.forEach((b, k) => {
      if (!this.network.people.get(b)?.consents?.warm_introductions) throw new IllegalStateError(`broker ${k + 1} does not broker introductions`);
    });
    await this.index.ready;
    const pending = this.index.entriesFor(viewer.personId).some(([, v]) => v.status === 'pending' && v.requesterId === viewer.personId && v.targetPersonId === dto.targetPersonId);
    if (pending) throw new IllegalStateError('you already asked to be introduced to this person; withdraw that request first');
    const introductionId = ctx.idempotencyKey ? deterministicId('opn.recommendations.introduction', viewer.personId, ctx.idempotencyKey) : newId();
    await this.commands.handle(
      introductions,
      introductionId,
      {
        type: 'RequestIntroduction',
        data: {
          introductionId,
          requesterId: viewer.personId,
          brokers: dto.brokerIds,
          targetPersonId: dto.targetPersonId,
          targetCompanyId: dto.targetCompanyId,
          ...(dto.needId ? { needId: dto.needId } : {}),
          ...(dto.note !== undefined ? { note: dto.note } : {}),
          strength,
          now: ctx.now,
        },
      },
      ctx,
    );
    return this.get(introductionId, ctx);
  }

  /** The introduction for one of its parties; the target sees it once every broker passed it on (404 otherwise). */
  private visible(introductionId: string, personId: string): IntroductionView {
    const v = this.index.get(introductionId);
    const party = v && (v.requesterId === personId || v.brokers.includes(personId) || (v.targetPersonId === personId && reachedTarget(v)));
    if (!v || !party) throw new NotFoundError('introduction not found');
    return v;
  }

  private async view(v: IntroductionView, personId: string) {
    const role = v.requesterId === personId ? 'requester' : v.brokers.includes(personId) ? 'broker' : 'target';
    return this.cipher.open({ ...v, you: role, awaitingYou: v.awaiting === personId });
  }

  async get(introductionId: string, ctx: ActorContext) {
    this.access.viewer(ctx.actor);
    await this.index.ready;
    return this.view(this.visible(introductionId, ctx.actor.personId), ctx.actor.personId);
  }

  async list(query: IntroductionListQuery, ctx: ActorContext) {
    const me = this.access.viewer(ctx.actor).personId;
    await this.index.ready;
    const rows = this.index
      .entriesFor(me)
      .map(([, v]) => v)
      .filter((v) => v.requesterId === me || v.brokers.includes(me) || reachedTarget(v))
      .filter((v) => !query.status || v.status === query.status)
      .filter((v) => !query.awaitingMe || (query.awaitingMe === 'true') === (v.awaiting === me))
      .filter((v) => !query.role || (query.role === 'requester' ? v.requesterId === me : query.role === 'broker' ? v.brokers.includes(me) : v.targetPersonId === me))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.introductionId.localeCompare(b.introductionId));
    const from = (query.page - 1) * query.limit;
    return pageOf(await Promise.all(rows.slice(from, from + query.limit).map((v) => this.view(v, me))), rows.length, query);
  }

  private async answer(introductionId: string, ctx: ActorContext, command: (personId: string) => Parameters<typeof introductions.handle>[2]) {
    this.access.viewer(ctx.actor);
    await this.index.ready;
    this.visible(introductionId, ctx.actor.personId);
    await this.commands.handle(introductions, introductionId, command(ctx.actor.personId), ctx);
    return this.get(introductionId, ctx);
  }

  accept(introductionId: string, ctx: ActorContext) {
    return this.answer(introductionId, ctx, (personId) => ({ type: 'AcceptIntroduction', data: { personId, now: ctx.now } }));
  }

  decline(introductionId: string, dto: DeclineDto, ctx: ActorContext) {
    return this.answer(introductionId, ctx, (personId) => ({ type: 'DeclineIntroduction', data: { personId, ...(dto.reason !== undefined ? { reason: dto.reason } : {}), now: ctx.now } }));
  }

  withdraw(introductionId: string, ctx: ActorContext) {
    return this.answer(introductionId, ctx, (personId) => ({ type: 'WithdrawIntroduction', data: { personId, now: ctx.now } }));
  }

  /**
   * When identity erases a person: the key of what they wrote here is destroyed (notes and reasons
   * read `[erased]`), and each pending introduction they are a party to is cancelled. Idempotent.
   */
  @OnIntegrationEvent(PersonErasedV1)
  async personErased(data: { personId: string }, event: { id: string }): Promise<void> {
    await this.index.ready;
    const now = this.clock().toISOString();
    await this.keys.destroy(writerSubject(data.personId));
    for (const id of this.index.idsFor(data.personId).sort()) {
      if (this.index.get(id)?.status !== 'pending') continue;
      await this.commands.handle(introductions, id, { type: 'EraseParty', data: { personId: data.personId, now } }, reactingTo(event, now, 'system'));
    }
  }
}
