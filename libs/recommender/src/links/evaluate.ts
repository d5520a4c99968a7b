// Measures link recommendations against ties that appeared later (or were held out): precision at
// K over the nodes that have such a tie, its lift over recommending at random, and the share of
// recommended pairs that cross the communities of the training graph. Definitions in README.md.
import type { Graph } from '@opn/network-metrics';
import type { LinkRecommendations } from './links';

export interface LinkEvaluation {
  /** Hits over K recommendations per node with at least one truth tie (a shorter list counts as K). */
  precision: number;
  /** Expected precision of K partners drawn at random among each such node's unlinked nodes. */
  randomPrecision: number;
  /** precision / randomPrecision. */
  lift: number;
  /** Share of all recommended pairs (every node's list) whose ends are in different communities. */
  crossing: number;
  /** Nodes with a truth tie (the ones precision is taken over) and recommendations they got. */
  evaluatedNodes: number;
  listed: number;
  hits: number;
}

/** Truth ties by node index of the training graph (both directions). */
export type Truth = Map<number, Set<number>>;

export function evaluateLinks(train: Graph, truth: Truth, recommendations: LinkRecommendations, community: ArrayLike<number>, k: number): LinkEvaluation {
  const n = train.ids.length;
  let hits = 0;
  let listed = 0;
  let expected = 0;
  let evaluated = 0;
  let pairs = 0;
  let crossing = 0;
  for (let u = 0; u < n; u++) {
    const list = recommendations.targets[u];
    for (let k = 0; k < list.length; k++) {
      pairs++;
      if (community[list[k]] !== community[u]) crossing++;
    }
    const t = truth.get(u);
    if (!t || t.size === 0) continue;
    evaluated++;
    listed += k;
    for (let k = 0; k < list.length; k++) if (t.has(list[k])) hits++;
    const unlinked = n - 1 - (train.offsets[u + 1] - train.offsets[u]);
    if (unlinked > 0) expected += (k * t.size) / unlinked;
  }
  const precision = listed ? hits / listed : 0;
  const randomPrecision = listed ? expected / listed : 0;
  return {
    precision,
    randomPrecision,
    lift: randomPrecision > 0 ? precision / randomPrecision : 0,
    crossing: pairs ? crossing / pairs : 0,
    evaluatedNodes: evaluated,
    listed,
    hits,
  };
}
