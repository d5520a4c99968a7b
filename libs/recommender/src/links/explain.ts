// Why two nodes are recommended to each other, in facts a person can check: the partners they
// have in common (strongest ties first), how many three-step chains join them, and whether they
// sit in the same community of the graph (a bridge when not).
import type { Graph } from '@opn/network-metrics';

export interface LinkExplanation {
  /** Common neighbours, by the weaker of their two ties, strongest first (at most `limit`). */
  common: number[];
  /** All common neighbours. */
  commonCount: number;
  /** Chains u-a-b-v of three ties (a, b distinct from u and v). */
  threeStepChains: number;
  sameCommunity: boolean;
}

export function explainLink(graph: Graph, u: number, v: number, community: ArrayLike<number>, limit = 3): LinkExplanation {
  const { offsets, neighbours, weights } = graph;
  const tieToV = new Map<number, number>();
  for (let k = offsets[v]; k < offsets[v + 1]; k++) tieToV.set(neighbours[k], weights[k]);
  const common: { node: number; strength: number }[] = [];
  let chains = 0;
  for (let k = offsets[u]; k < offsets[u + 1]; k++) {
    const a = neighbours[k];
    if (a === v) continue;
    const toV = tieToV.get(a);
    if (toV !== undefined) common.push({ node: a, strength: Math.min(weights[k], toV) });
    for (let j = offsets[a]; j < offsets[a + 1]; j++) {
      const b = neighbours[j];
      if (b !== u && b !== v && tieToV.has(b)) chains++;
    }
  }
  common.sort((x, y) => y.strength - x.strength || x.node - y.node);
  return {
    common: common.slice(0, limit).map((c) => c.node),
    commonCount: common.length,
    threeStepChains: chains,
    sameCommunity: community[u] === community[v],
  };
}
