// The weaving queue of a territory coordinator: introductions between firms of different clusters
// that the coordinator could make, ranked by expected value = the chance the introduction takes
// (how likely the learned ranking finds the pair, from both sides) times what it would join
// (two clusters with few ties between them, more when the smaller is large). Candidates are the
// pairs the network already brings within three steps; clusters with no path between them at all
// are the dashboard's closed-cluster alerts, not this queue. At most `perClusterPair` introductions for the same two clusters, so
// the queue spreads over the territory instead of piling onto one gap.
import type { Graph } from '@opn/network-metrics';
import { explainLink, LinkExplanation } from './explain';
import { LinkModel, LinkScorer } from './links';

export interface WeavingIntroduction {
  a: number;
  b: number;
  /** probability x gain. */
  value: number;
  /** Mean over both ends of the share of each end's next tie the ranking gives to the other. */
  probability: number;
  gain: number;
  clusterA: { id: number; size: number };
  clusterB: { id: number; size: number };
  /** Ties between the two clusters now. */
  tiesBetween: number;
  explanation: LinkExplanation;
}

export interface WeavingOptions {
  top: number;
  /** Candidates looked at per firm (default 20). */
  perNode?: number;
  /** Introductions kept for the same two clusters (default 2). */
  perClusterPair?: number;
}

/** Softmax of one node's candidate scores: the share of its next tie each candidate would get. */
function shares(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < scores.length; i++) out[i] /= sum;
  return out;
}

export function weavingQueue(graph: Graph, model: LinkModel, options: WeavingOptions): WeavingIntroduction[] {
  const n = graph.ids.length;
  const community = model.community;
  const size = new Map<number, number>();
  for (let i = 0; i < n; i++) size.set(community[i], (size.get(community[i]) ?? 0) + 1);
  const between = new Map<string, number>();
  const pairKey = (x: number, y: number) => (x < y ? `${x} ${y}` : `${y} ${x}`);
  for (let e = 0; e < graph.edgeCount; e++) {
    const x = community[graph.edgeSources[e]];
    const y = community[graph.edgeTargets[e]];
    if (x !== y) between.set(pairKey(x, y), (between.get(pairKey(x, y)) ?? 0) + 1);
  }
  // Each firm's share of its next tie for its candidates in other clusters (accurate ranking).
  const scorer = new LinkScorer(graph, 'accurate', model);
  const perNode = options.perNode ?? 20;
  const share = new Map<string, { a: number; b: number; sum: number }>();
  for (let u = 0; u < n; u++) {
    const { nodes, scores } = scorer.score(u);
    if (nodes.length === 0) continue;
    const p = shares(scores);
    const order = Array.from(nodes.keys()).sort((i, j) => p[j] - p[i] || nodes[i] - nodes[j]);
    let taken = 0;
    for (const i of order) {
      if (taken >= perNode) break;
      const v = nodes[i];
      if (community[v] === community[u]) continue;
      taken++;
      const key = u < v ? `${u} ${v}` : `${v} ${u}`;
      const entry = share.get(key) ?? { a: Math.min(u, v), b: Math.max(u, v), sum: 0 };
      entry.sum += p[i];
      share.set(key, entry);
    }
  }
  const all: WeavingIntroduction[] = [];
  for (const { a, b, sum } of share.values()) {
    const ca = community[a];
    const cb = community[b];
    const ties = between.get(pairKey(ca, cb)) ?? 0;
    const sa = size.get(ca)!;
    const sb = size.get(cb)!;
    const gain = Math.log2(1 + Math.min(sa, sb)) / (1 + ties);
    const probability = sum / 2;
    all.push({
      a,
      b,
      value: probability * gain,
      probability,
      gain,
      clusterA: { id: ca, size: sa },
      clusterB: { id: cb, size: sb },
      tiesBetween: ties,
      explanation: explainLink(graph, a, b, community),
    });
  }
  all.sort((x, y) => y.value - x.value || x.a - y.a || x.b - y.b);
  const perPair = options.perClusterPair ?? 2;
  const used = new Map<string, number>();
  const out: WeavingIntroduction[] = [];
  for (const intro of all) {
    if (out.length >= options.top) break;
    const key = pairKey(intro.clusterA.id, intro.clusterB.id);
    const count = used.get(key) ?? 0;
    if (count >= perPair) continue;
    used.set(key, count + 1);
    out.push(intro);
  }
  return out;
}
