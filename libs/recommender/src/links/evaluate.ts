// Measures link recommendations against ties that appeared later (or were held out): precision at
// K over the nodes that have such a tie, its lift over recommending at random, and the share of
// recommended pairs that cross the communities of the training graph. Definitions in README.md.
import { Graph, GraphBuilder, parseEdgesCsv } from '@opn/network-metrics';
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

/** The graph of an edges CSV (`source,target[,weight]`), every error naming `file` and the line. */
export function edgesGraph(text: string, file: string): Graph {
  const builder = new GraphBuilder();
  for (const e of parseEdgesCsv(text, file).edges) builder.addEdge(e.source, e.target, e.weight, { file, line: e.line });
  return builder.build();
}

/**
 * The pairs of `test` to find in `train`: those with both ends in train and not linked there
 * (`measured`), the others counted as `outside` (an end not in train) or `known` (already linked).
 */
export function holdOutTruth(train: Graph, test: Graph): { truth: Truth; measured: number; outside: number; known: number } {
  const truth: Truth = new Map();
  let outside = 0;
  let known = 0;
  for (let e = 0; e < test.edgeCount; e++) {
    const a = train.index.get(test.ids[test.edgeSources[e]]);
    const b = train.index.get(test.ids[test.edgeTargets[e]]);
    if (a === undefined || b === undefined) {
      outside++;
      continue;
    }
    let linked = false;
    for (let k = train.offsets[a]; k < train.offsets[a + 1] && !linked; k++) linked = train.neighbours[k] === b;
    if (linked) {
      known++;
      continue;
    }
    truth.set(a, (truth.get(a) ?? new Set()).add(b));
    truth.set(b, (truth.get(b) ?? new Set()).add(a));
  }
  return { truth, measured: test.edgeCount - outside - known, outside, known };
}

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
