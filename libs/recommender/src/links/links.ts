// Link recommendations: for every node, its K best new partners. Two modes on one learned score:
//  - accurate: a logistic combination of the neighbourhood evidence (features.ts), learned on the
//    graph itself by hiding a tenth of its ties and asking which hidden tie each score would have
//    found (an earlier slice of the same network, standing in for its past);
//  - bridging: the same score, raised for pairs across communities (Louvain on the graph) and
//    diversified over the communities of one node's list, with the raise and the diversity chosen
//    on a second hidden slice as the strongest that keeps precision at least resource allocation's.
// Simple scorers (scorers.ts) share the candidate walk, so all are measured on the same candidates.
import { communities, edgeWeights, Graph, graphFromIndexedEdges } from '@opn/network-metrics';
import { seededRandom } from '@opn/kernel';
import { Random, shuffle } from '../random';
import { Candidates, Degrees, Neighbourhood } from './features';
import { BoostedRanking, boostedScore, fitBoostedRanking } from './boosted-ranking';
import { fitRanking, rankScore, RankingGroup, RankingModel } from './ranking-model';
import { simpleScore, SimpleScorer, THREE_HOP_DAMPING } from './scorers';

export const LINK_MODES = ['accurate', 'bridging'] as const;
export type LinkMode = (typeof LINK_MODES)[number];
export type LinkMethod = LinkMode | SimpleScorer;

/** The K best new partners of every node: `targets[u]` best first, with their `scores[u]`. */
export interface LinkRecommendations {
  targets: Int32Array[];
  scores: Float64Array[];
}

/** What was learned on the graph's hidden slices, for the report and the tests. */
export interface LinkModel {
  /** The ranking learned on a hidden slice; null when the graph is too small to learn from. */
  ranking: RankingModel | null;
  /** Boosted trees on top of the ranking, when learned. */
  boosted?: BoostedRanking;
  /** Bridging: added to the log-odds of a pair across communities. */
  crossBonus: number;
  /** Bridging: taken off a candidate for each one already chosen in its community. */
  diversity: number;
  /** Community of each node (Louvain on the whole graph). */
  community: Int32Array;
  /** Mean tie weight, by which weighted evidence is divided. */
  meanWeight: number;
}

export interface LinkOptions {
  top: number;
  /** Seed of the hidden slices (default 1). */
  seed?: number;
  /** Candidates three hops away only, per node (see Neighbourhood). */
  threeHopOnly?: number;
  /** Progress messages (the command prints them on stderr). */
  progress?: (message: string) => void;
}

export const FEATURE_NAMES = [
  'ra',
  'weighted ra',
  'common neighbours',
  'adamic-adar',
  '3-hop ra',
  'weighted 3-hop ra',
  'ra x degree of u',
  'degree of v',
  'strength of v',
  'jaccard',
  'same community',
  'has common neighbour',
  '3-hop ra x degree of u',
  'ra + damped 3-hop',
  'weighted ra + damped 3-hop',
] as const;
const D = FEATURE_NAMES.length;

function featuresInto(out: Float64Array, u: number, c: Candidates, i: number, deg: Degrees, community: Int32Array, meanWeight: number): void {
  const v = c.node[i];
  const ku = deg.degree[u];
  const kv = deg.degree[v];
  const cn = c.cn[i];
  out[0] = Math.log(c.ra[i] + 1e-3);
  out[1] = Math.log(c.raw[i] / meanWeight + 1e-3);
  out[2] = Math.log1p(cn);
  out[3] = Math.log(c.aa[i] + 1e-3);
  out[4] = Math.log(c.ra3[i] + 1e-5);
  out[5] = Math.log(c.ra3w[i] / meanWeight + 1e-5);
  out[6] = out[0] * Math.log(ku);
  out[7] = Math.log(kv);
  out[8] = Math.log(deg.strength[v] / meanWeight);
  out[9] = cn / (ku + kv - cn);
  out[10] = community[u] === community[v] ? 1 : 0;
  out[11] = cn > 0 ? 1 : 0;
  out[12] = out[4] * Math.log(ku);
  out[13] = Math.log(c.ra[i] + THREE_HOP_DAMPING * c.ra3[i] + 1e-5);
  out[14] = Math.log((c.raw[i] + THREE_HOP_DAMPING * c.ra3w[i]) / meanWeight + 1e-5);
}

function meanWeightOf(graph: Graph): number {
  let s = 0;
  for (let k = 0; k < graph.weights.length; k++) s += graph.weights[k];
  return graph.weights.length ? s / graph.weights.length : 1;
}

function communityArray(graph: Graph): Int32Array {
  return Int32Array.from(communities(graph).community);
}

/** The graph without a random share of its ties, and the hidden ties by source node. */
interface Slice {
  graph: Graph;
  hidden: Map<number, Set<number>>;
}

function hideTies(graph: Graph, share: number, random: Random): Slice {
  const m = graph.edgeCount;
  const order = shuffle(Array.from({ length: m }, (_, e) => e), random);
  const hiddenCount = Math.floor(m * share);
  const keep = new Uint8Array(m).fill(1);
  const hidden = new Map<number, Set<number>>();
  const add = (a: number, b: number): void => {
    let s = hidden.get(a);
    if (!s) hidden.set(a, (s = new Set()));
    s.add(b);
  };
  for (let k = 0; k < hiddenCount; k++) {
    const e = order[k];
    keep[e] = 0;
    add(graph.edgeSources[e], graph.edgeTargets[e]);
    add(graph.edgeTargets[e], graph.edgeSources[e]);
  }
  const s: number[] = [];
  const t: number[] = [];
  const w: number[] = [];
  const weights = edgeWeights(graph);
  for (let e = 0; e < m; e++) {
    if (!keep[e]) continue;
    s.push(graph.edgeSources[e]);
    t.push(graph.edgeTargets[e]);
    w.push(weights[e]);
  }
  return { graph: graphFromIndexedEdges(graph.ids, s, t, w), hidden };
}

/** Sources of a slice to learn from: nodes with a hidden tie, at most `limit`, in a seeded order. */
function sourcesOf(slice: Slice, limit: number, random: Random): number[] {
  const all = [...slice.hidden.keys()].sort((a, b) => a - b);
  return shuffle(all, random).slice(0, limit);
}

const MAX_SOURCES = 4000;
const MAX_CANDIDATES_PER_SOURCE = 300;

/** Fits the ranking on one hidden slice: for each source, which of its candidates it linked to. */
function learn(slice: Slice, options: LinkOptions, random: Random): { ranking: RankingModel; boosted?: BoostedRanking } | null {
  const graph = slice.graph;
  const walk = new Neighbourhood(graph, { threeHopOnly: options.threeHopOnly });
  const community = communityArray(graph);
  const meanWeight = meanWeightOf(graph);
  const groups: RankingGroup[] = [];
  let positives = 0;
  for (const u of sourcesOf(slice, MAX_SOURCES, random)) {
    if (graph.offsets[u + 1] === graph.offsets[u]) continue;
    const c = walk.candidatesOf(u);
    const truth = slice.hidden.get(u)!;
    const take: number[] = [];
    const negatives: number[] = [];
    for (let i = 0; i < c.count; i++) (truth.has(c.node[i]) ? take : negatives).push(i);
    if (take.length === 0 || negatives.length === 0) continue;
    positives += take.length;
    shuffle(negatives, random);
    take.push(...negatives.slice(0, MAX_CANDIDATES_PER_SOURCE - take.length));
    const rows = new Float64Array(take.length * D);
    const positive = new Uint8Array(take.length);
    take.forEach((i, r) => {
      featuresInto(rows.subarray(r * D, (r + 1) * D), u, c, i, walk.degrees, community, meanWeight);
      positive[r] = truth.has(c.node[i]) ? 1 : 0;
    });
    groups.push({ rows, positive });
  }
  if (positives < 20) return null;
  const ranking = fitRanking(groups, D, { l2: 1e-3 });
  // Boosting sees at most 60 rows per source: its positives and a sample of the rest.
  const small = groups.map((g) => {
    const n = g.positive.length;
    if (n <= 60) return g;
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (g.positive[i]) keep.push(i);
    const rest = shuffle(Array.from({ length: n }, (_, i) => i).filter((i) => !g.positive[i]), random).slice(0, 60 - keep.length);
    keep.push(...rest);
    const rows = new Float64Array(keep.length * D);
    keep.forEach((i, r) => rows.set(g.rows.subarray(i * D, (i + 1) * D), r * D));
    return { rows, positive: Uint8Array.from(keep, (i) => g.positive[i]) };
  });
  return { ranking, boosted: fitBoostedRanking(small, D, ranking, { trees: 60 }) };
}

/** The trees rescore this many of a source's candidates, the best by the log-linear ranking. */
const RESCORED = 40;

/**
 * The learned scores of one source's candidates: the log-linear ranking for every candidate, and,
 * with trees, their score for the RESCORED best of them (a candidate further down the log-linear
 * list keeps its score moved by the smallest correction the trees gave, so the order below holds).
 */
function learnedScores(
  model: { ranking: RankingModel; boosted?: BoostedRanking },
  u: number,
  c: Candidates,
  degrees: Degrees,
  community: Int32Array,
  meanWeight: number,
): { linear: Float64Array; learned: Float64Array } {
  const n = c.count;
  const features = new Float64Array(n * D);
  const linear = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = features.subarray(i * D, (i + 1) * D);
    featuresInto(x, u, c, i, degrees, community, meanWeight);
    linear[i] = rankScore(model.ranking, x);
  }
  if (!model.boosted) return { linear, learned: linear };
  const learned = new Float64Array(n);
  const order = topIndexes(n, RESCORED, linear, c.node);
  const top = order.length;
  let least = Infinity;
  const rescored = new Uint8Array(n);
  for (let k = 0; k < top; k++) {
    const i = order[k];
    learned[i] = boostedScore(model.boosted, features.subarray(i * D, (i + 1) * D));
    least = Math.min(least, learned[i] - linear[i]);
    rescored[i] = 1;
  }
  for (let i = 0; i < n; i++) if (!rescored[i]) learned[i] = linear[i] + least;
  return { linear, learned };
}

/** One source's candidates on a validation slice, kept for choosing the bridging settings. */
interface ValidationRow {
  u: number;
  nodes: Int32Array;
  learned: Float64Array;
  /** The log-linear ranking's scores (the same as learned when nothing is boosted). */
  linear: Float64Array;
  ra: Float64Array;
  wra3: Float64Array;
  truth: Set<number>;
}

function crossBonusAndDiversity(
  slice: Slice,
  model: { ranking: RankingModel; boosted?: BoostedRanking } | null,
  options: LinkOptions,
  random: Random,
): { crossBonus: number; diversity: number; keepBoosted: boolean } {
  if (!model) return { crossBonus: 0, diversity: 0, keepBoosted: false };
  const graph = slice.graph;
  const walk = new Neighbourhood(graph, { threeHopOnly: options.threeHopOnly });
  const community = communityArray(graph);
  const meanWeight = meanWeightOf(graph);
  const rows: ValidationRow[] = [];
  for (const u of sourcesOf(slice, MAX_SOURCES, random)) {
    if (graph.offsets[u + 1] === graph.offsets[u]) continue;
    const c = walk.candidatesOf(u);
    const { linear, learned } = learnedScores(model, u, c, walk.degrees, community, meanWeight);
    rows.push({ u, nodes: c.node.slice(0, c.count), learned, linear, ra: c.ra.slice(0, c.count), wra3: Float64Array.from({ length: c.count }, (_, i) => simpleScore('weighted-resource-allocation-3hop', c, i)), truth: slice.hidden.get(u)! });
  }
  const k = options.top;
  const measure = (score: (row: ValidationRow, i: number) => number, bonus: number, diversity: number): { precision: number; crossing: number } => {
    let hits = 0;
    let listed = 0;
    let crossing = 0;
    for (const row of rows) {
      const chosen = pickTop(row.nodes, (i) => score(row, i) + (community[row.nodes[i]] !== community[row.u] ? bonus : 0), k, diversity, community);
      for (const i of chosen.index) {
        listed++;
        if (row.truth.has(row.nodes[i])) hits++;
        if (community[row.nodes[i]] !== community[row.u]) crossing++;
      }
    }
    return { precision: listed ? hits / listed : 0, crossing: listed ? crossing / listed : 0 };
  };
  const baseline = measure((row, i) => row.ra[i], 0, 0);
  // The trees stay only when they find more of this second slice's hidden ties than the log-linear ranking.
  const keepBoosted = model.boosted !== undefined && measure((row, i) => row.learned[i], 0, 0).precision > measure((row, i) => row.linear[i], 0, 0).precision;
  if (!keepBoosted) for (const row of rows) row.learned = row.linear;
  options.progress?.(`on a hidden slice: precision of resource allocation ${baseline.precision.toFixed(4)}, weighted with 3 hops ${measure((row, i) => row.wra3[i], 0, 0).precision.toFixed(4)}, learned ${measure((row, i) => row.learned[i], 0, 0).precision.toFixed(4)}`);
  let best = { crossBonus: 0, diversity: 0, precision: -1, crossing: 0 };
  const target = 1.6 * baseline.crossing;
  for (const diversity of [0, 0.25, 0.5, 1]) {
    for (const crossBonus of [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3]) {
      const m = measure((row, i) => row.learned[i], crossBonus, diversity);
      if (m.precision < baseline.precision) continue;
      const reached = m.crossing >= target;
      const bestReached = best.crossing >= target;
      const better = reached ? !bestReached || m.precision > best.precision : !bestReached && m.crossing > best.crossing;
      if (better) best = { crossBonus, diversity, precision: m.precision, crossing: m.crossing };
    }
  }
  options.progress?.(`boosted trees ${model.boosted ? (keepBoosted ? 'kept' : 'dropped') : 'not learned'}; bridging chosen on a hidden slice: +${best.crossBonus} across communities, diversity ${best.diversity} (precision ${best.precision.toFixed(4)} vs resource allocation ${baseline.precision.toFixed(4)}, crossing ${best.crossing.toFixed(3)} vs ${baseline.crossing.toFixed(3)})`);
  return { crossBonus: best.crossBonus, diversity: best.diversity, keepBoosted };
}

/**
 * The indexes of the m best of n scores, best first (ties to the smaller node): one pass keeping a
 * sorted list of m, so a node with thousands of candidates costs about n, not n log n.
 */
export function topIndexes(n: number, m: number, score: ArrayLike<number>, node: ArrayLike<number>): number[] {
  const out: number[] = [];
  const better = (a: number, b: number): boolean => score[a] > score[b] || (score[a] === score[b] && node[a] < node[b]);
  for (let i = 0; i < n; i++) {
    if (out.length === m && !better(i, out[m - 1])) continue;
    let k = out.length === m ? m - 1 : out.length;
    if (out.length < m) out.push(i);
    while (k > 0 && better(i, out[k - 1])) {
      out[k] = out[k - 1];
      k--;
    }
    out[k] = i;
  }
  return out;
}

/** The chosen candidates (indexes) and their scores as chosen, best first. */
export interface Picked {
  index: number[];
  score: number[];
}

/**
 * The k best candidates by `score` (ties to the smaller node). With `diversity` > 0 the choice is
 * greedy: each pick lowers the score of the remaining candidates of its community by `diversity`,
 * and the score reported is the lowered one, so the list still reads best first.
 */
export function pickTop(nodes: ArrayLike<number>, score: (i: number) => number, k: number, diversity: number, community: Int32Array): Picked {
  const n = nodes.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = score(i);
  if (diversity <= 0 || n <= 1) {
    const index = topIndexes(n, k, s, nodes);
    return { index, score: index.map((i) => s[i]) };
  }
  // Greedy over a shortlist: penalties only lower scores, so a candidate far down cannot return.
  const shortlist = topIndexes(n, k * 8, s, nodes);
  const used = new Map<number, number>();
  const picked: Picked = { index: [], score: [] };
  const taken = new Uint8Array(shortlist.length);
  while (picked.index.length < k && picked.index.length < shortlist.length) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < shortlist.length; j++) {
      if (taken[j]) continue;
      const i = shortlist[j];
      const v = s[i] - diversity * (used.get(community[nodes[i]]) ?? 0);
      if (v > bestScore) {
        bestScore = v;
        best = j;
      }
    }
    taken[best] = 1;
    const i = shortlist[best];
    picked.index.push(i);
    picked.score.push(bestScore);
    const g = community[nodes[i]];
    used.set(g, (used.get(g) ?? 0) + 1);
  }
  return picked;
}

/** Learns the accurate and bridging settings on two hidden slices of the graph. */
export function learnLinkModel(graph: Graph, options: LinkOptions): LinkModel {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  options.progress?.(`learning on a hidden slice of ${graph.edgeCount} ties`);
  const learned = graph.edgeCount >= 50 ? learn(hideTies(graph, 0.1, random), options, random) : null;
  const { crossBonus, diversity, keepBoosted } = graph.edgeCount >= 50 ? crossBonusAndDiversity(hideTies(graph, 0.1, random), learned, options, random) : { crossBonus: 0, diversity: 0, keepBoosted: false };
  return { ranking: learned?.ranking ?? null, boosted: keepBoosted ? learned?.boosted : undefined, crossBonus, diversity, community: communityArray(graph), meanWeight: meanWeightOf(graph) };
}

/**
 * The settings learned on one graph (`learnedOn`) carried over to the graph as it now is (a
 * service's network after a few more events): the learned ranking and bridging settings are
 * kept, so that a small change does not need a new learning, and the mean tie weight is computed
 * again. Communities are found again (Louvain) when `communities` is 'recompute'; with 'keep', each
 * node keeps the community it had (by id) and a new node is a community of its own, which costs
 * nothing on a large graph whose communities move slowly.
 */
export function carryLinkModel(model: LinkModel, learnedOn: Graph, graph: Graph, communities: 'recompute' | 'keep'): LinkModel {
  let community: Int32Array;
  if (communities === 'recompute') community = communityArray(graph);
  else {
    community = new Int32Array(graph.ids.length);
    let next = 0;
    for (const c of model.community) next = Math.max(next, c + 1);
    graph.ids.forEach((id, i) => {
      const before = learnedOn.index.get(id);
      community[i] = before === undefined ? next++ : model.community[before];
    });
  }
  return { ...model, community, meanWeight: meanWeightOf(graph) };
}

/**
 * Scores the candidates of one node at a time by `method` (see recommendLinks), for the callers
 * that need more than the top K of every node: one node's list (the service), the weaving queue.
 */
export class LinkScorer {
  private readonly walk: Neighbourhood;
  private readonly learned: LinkModel | null;
  private readonly simple: SimpleScorer;
  readonly community: Int32Array;
  readonly bonus: number;
  readonly diversity: number;

  constructor(
    readonly graph: Graph,
    readonly method: LinkMethod,
    model?: LinkModel,
    options: Pick<LinkOptions, 'threeHopOnly'> = {},
  ) {
    this.walk = new Neighbourhood(graph, { threeHopOnly: options.threeHopOnly });
    this.community = model?.community ?? new Int32Array(graph.ids.length);
    this.learned = (method === 'accurate' || method === 'bridging') && model?.ranking ? model : null;
    this.simple = method === 'accurate' || method === 'bridging' ? 'weighted-resource-allocation-3hop' : method;
    this.bonus = method === 'bridging' && this.learned ? this.learned.crossBonus : 0;
    this.diversity = method === 'bridging' && this.learned ? this.learned.diversity : 0;
  }

  /** The candidates of u (nodes not linked to it within three hops) and their scores, higher better. */
  score(u: number): { nodes: Int32Array; scores: Float64Array } {
    const c = this.walk.candidatesOf(u);
    const { learned, community } = this;
    let scores: Float64Array;
    if (learned) {
      scores = learnedScores({ ranking: learned.ranking!, boosted: learned.boosted }, u, c, this.walk.degrees, community, learned.meanWeight).learned;
      if (this.bonus) for (let i = 0; i < c.count; i++) if (community[c.node[i]] !== community[u]) scores[i] += this.bonus;
    } else scores = Float64Array.from({ length: c.count }, (_, i) => simpleScore(this.simple, c, i));
    return { nodes: c.node.slice(0, c.count), scores };
  }

  /** The k best new partners of u, best first. */
  top(u: number, k: number): { targets: Int32Array; scores: Float64Array } {
    const { nodes, scores } = this.score(u);
    const chosen = pickTop(nodes, (i) => scores[i], k, this.diversity, this.community);
    return { targets: Int32Array.from(chosen.index, (i) => nodes[i]), scores: Float64Array.from(chosen.score) };
  }
}

/**
 * The K best new partners of every node by `method`. The learned modes need `model` (from
 * learnLinkModel on the same graph); without a learned model (a graph too small to learn from)
 * they fall back to weighted resource allocation with the three-hop term.
 */
export function recommendLinks(graph: Graph, method: LinkMethod, options: LinkOptions, model?: LinkModel): LinkRecommendations {
  const scorer = new LinkScorer(graph, method, model, options);
  const n = graph.ids.length;
  const targets: Int32Array[] = new Array(n);
  const scores: Float64Array[] = new Array(n);
  const every = Math.max(1, Math.floor(n / 10));
  for (let u = 0; u < n; u++) {
    if (u % every === 0 && u > 0) options.progress?.(`${method}: ${u}/${n} nodes`);
    const best = scorer.top(u, options.top);
    targets[u] = best.targets;
    scores[u] = best.scores;
  }
  return { targets, scores };
}
