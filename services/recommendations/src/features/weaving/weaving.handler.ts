import { Injectable } from '@nestjs/common';
import { weavingQueue } from '@opn/recommender';
import { ActorContext, PageQuery, pageOf } from '@opn/service-kit';
import { Access } from '../../access/access';
import { NetworkIndex } from '../../read-models/network/network.index';
import { NetworkSnapshots } from '../../read-models/network/network.snapshots';
import { MAX_RESULTS } from '../partners/partners.handler';

const firms = (n: number) => `${n} firm${n === 1 ? '' : 's'}`;

/**
 * The weaving queue of a territory: introductions between member firms of different clusters that
 * a coordinator could make, ranked by expected value (the chance the tie takes times what it would
 * join), at most two per pair of clusters, each with its reason.
 */
@Injectable()
export class WeavingHandler {
  constructor(
    private readonly access: Access,
    private readonly network: NetworkIndex,
    private readonly snapshots: NetworkSnapshots,
  ) {}

  queue(territoryId: string, query: PageQuery, ctx: ActorContext) {
    this.access.coordinated(ctx.actor, territoryId);
    const all = this.snapshots.cached(`weaving ${territoryId}`, () => {
      const network = this.snapshots.territoryNetwork(territoryId);
      return weavingQueue(network.graph, network.model, { top: MAX_RESULTS }).map((w) => ({ ...w, ids: [network.graph.ids[w.a], network.graph.ids[w.b]], common: w.explanation.common.map((c) => network.graph.ids[c]) }));
    });
    const from = (query.page - 1) * query.limit;
    const name = (id: string) => this.network.firms.get(id)?.legalName ?? '';
    const items = all.slice(from, from + query.limit).map((w, i) => ({
      rank: from + i + 1,
      companies: [
        { companyId: w.ids[0], legalName: name(w.ids[0]), cluster: w.clusterA },
        { companyId: w.ids[1], legalName: name(w.ids[1]), cluster: w.clusterB },
      ],
      value: Number(w.value.toFixed(4)),
      probability: Number(w.probability.toFixed(4)),
      gain: Number(w.gain.toFixed(4)),
      tiesBetweenClusters: w.tiesBetween,
      commonPartners: w.common.map((id) => ({ companyId: id, legalName: name(id) })),
      reason:
        `would join a cluster of ${firms(w.clusterA.size)} and one of ${firms(w.clusterB.size)}, ` +
        `${w.tiesBetween === 0 ? 'with no tie between them yet' : `which have ${w.tiesBetween} tie${w.tiesBetween === 1 ? '' : 's'} between them`}` +
        (w.explanation.commonCount ? `; ${w.explanation.commonCount} partner${w.explanation.commonCount === 1 ? '' : 's'} in common to make the introduction` : '') +
        (w.explanation.threeStepChains ? `; ${w.explanation.threeStepChains} chain${w.explanation.threeStepChains === 1 ? '' : 's'} of three ties between them` : ''),
    }));
    return pageOf(items, all.length, query);
  }
}
