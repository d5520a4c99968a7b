import { Injectable } from '@nestjs/common';
import { explainLink, LinkMode } from '@opn/recommender';
import { ActorContext, pageOf } from '@opn/service-kit';
import { explained } from '../why';
import { Access } from '../../access/access';
import { NetworkIndex } from '../../read-models/network/network.index';
import { NetworkSnapshots } from '../../read-models/network/network.snapshots';
import type { ScoredNetwork } from '../../read-models/network/network.snapshot';
import { MAX_RESULTS } from '../partners/partners.handler';
import type { SuggestionQuery } from './meet.dto';

interface Suggested {
  id: string;
  score: number;
  common: string[];
  commonCount: number;
  threeStepChains: number;
  bridge: boolean;
}

/** The best new ties of one node of a network, with what explains each (cached until the network changes). */
function suggestions(network: ScoredNetwork, id: string, mode: LinkMode): Suggested[] {
  const u = network.graph.index.get(id);
  if (u === undefined) return [];
  const scorer = mode === 'bridging' ? network.bridging : network.accurate;
  const { targets, scores } = scorer.top(u, MAX_RESULTS);
  return Array.from(targets, (v, i) => {
    const why = explainLink(network.graph, u, v, network.model.community);
    return { id: network.graph.ids[v], score: Number(scores[i].toFixed(4)), common: why.common.map((c) => network.graph.ids[c]), commonCount: why.commonCount, threeStepChains: why.threeStepChains, bridge: !why.sameCommunity };
  });
}


/**
 * Companies and people to meet: link prediction on the company graph (relations, agreements,
 * members-visible personal ties and alumni ties between their people) and on the people graph
 * (members-visible ties, alumni ties, colleagues), accurate or bridging, each with its reasons.
 */
@Injectable()
export class MeetHandler {
  constructor(
    private readonly access: Access,
    private readonly network: NetworkIndex,
    private readonly snapshots: NetworkSnapshots,
  ) {}

  companies(companyId: string, query: SuggestionQuery, ctx: ActorContext) {
    this.access.memberOf(ctx.actor, companyId);
    const mode = query.mode ?? 'accurate';
    const all = this.snapshots.cached(`companies ${mode} ${companyId}`, () => suggestions(this.snapshots.companyNetwork(), companyId, mode));
    const own = this.network.firms.get(companyId)!;
    const from = (query.page - 1) * query.limit;
    const items = all.slice(from, from + query.limit).map((s, i) => {
      const firm = this.network.firms.get(s.id)!;
      const otherSector = firm.nafCode.slice(0, 2) !== own.nafCode.slice(0, 2);
      const otherPlace = firm.departement !== own.departement;
      return {
        rank: from + i + 1,
        companyId: s.id,
        legalName: firm.legalName,
        city: firm.city,
        nafCode: firm.nafCode,
        score: s.score,
        commonPartners: s.common.map((id) => ({ companyId: id, legalName: this.network.firms.get(id)?.legalName ?? '' })),
        bridge: s.bridge,
        ...explained([
          ...(s.commonCount ? [{ code: 'common_partners' as const, count: s.commonCount, names: s.common.map((id) => this.network.firms.get(id)?.legalName ?? '') }] : []),
          ...(s.threeStepChains ? [{ code: 'three_step_chains' as const, count: s.threeStepChains }] : []),
          ...(s.bridge ? [{ code: 'bridge' as const }] : []),
          ...(otherSector ? [{ code: 'other_sector' as const, naf: firm.nafCode.slice(0, 2) }] : []),
          ...(otherPlace ? [{ code: 'elsewhere' as const, city: firm.city }] : []),
        ]),
      };
    });
    return pageOf(items, all.length, query);
  }

  people(query: SuggestionQuery, ctx: ActorContext) {
    const viewer = this.access.viewer(ctx.actor);
    const mode = query.mode ?? 'accurate';
    const all = this.snapshots.cached(`people ${mode} ${viewer.personId}`, () => suggestions(this.snapshots.peopleNetwork(), viewer.personId, mode));
    const from = (query.page - 1) * query.limit;
    const items = all.slice(from, from + query.limit).map((s, i) => ({
      rank: from + i + 1,
      personId: s.id,
      companyIds: Object.keys(this.network.people.get(s.id)?.companies ?? {}).sort(),
      score: s.score,
      commonContacts: s.common,
      bridge: s.bridge,
      ...explained([
        ...(s.commonCount ? [{ code: 'common_contacts' as const, count: s.commonCount }] : []),
        ...(s.threeStepChains ? [{ code: 'three_step_chains' as const, count: s.threeStepChains }] : []),
        ...(s.bridge ? [{ code: 'bridge' as const }] : []),
      ]),
    }));
    return pageOf(items, all.length, query);
  }
}
