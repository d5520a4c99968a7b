// The evidence that two unlinked nodes u and v of a graph will link: the classic neighbourhood
// indexes (common neighbours, Adamic-Adar, resource allocation, with and without tie weights), a
// damped three-hop resource term, degrees and strengths. One pass per source node u over its two-
// and three-hop neighbourhood with dense scratch arrays, so a whole graph costs about the sum over
// nodes of the degrees met within two hops (see README "Link recommendations").
import type { Graph } from '@opn/network-metrics';

/** The raw evidence for one candidate pair (u, v), v not linked to u. */
export interface PairEvidence {
  /** Common neighbours. */
  cn: number;
  /** Adamic-Adar: sum over common neighbours w of 1 / ln(k_w). */
  aa: number;
  /** Resource allocation: sum over common neighbours w of 1 / k_w. */
  ra: number;
  /** Weighted resource allocation: sum of w(u,w) w(w,v) / s_w, s the strength (sum of tie weights). */
  raw: number;
  /** Three-hop resource: sum over paths u-a-b-v of 1 / (k_a k_b). */
  ra3: number;
  /** Weighted three-hop resource: sum over paths of w(u,a) w(a,b) w(b,v) / (s_a s_b). */
  ra3w: number;
}

/** Degrees and strengths of a graph, by node index. */
export interface Degrees {
  degree: Float64Array;
  strength: Float64Array;
}

export function degreesOf(graph: Graph): Degrees {
  const n = graph.ids.length;
  const degree = new Float64Array(n);
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    degree[i] = graph.offsets[i + 1] - graph.offsets[i];
    let s = 0;
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) s += graph.weights[k];
    strength[i] = s;
  }
  return { degree, strength };
}

/**
 * The candidates of one source node and their evidence, in reusable arrays: `count` candidates,
 * candidate c is node `node[c]` with evidence at index c of each array.
 */
export interface Candidates {
  count: number;
  node: Int32Array;
  cn: Float64Array;
  aa: Float64Array;
  ra: Float64Array;
  raw: Float64Array;
  ra3: Float64Array;
  ra3w: Float64Array;
}

export interface NeighbourhoodOptions {
  /**
   * Candidates that share no neighbour with the source (three hops away only) are many and weak:
   * only the `threeHopOnly` best of them by three-hop resource are kept (default 30).
   */
  threeHopOnly?: number;
}

/**
 * Walks the two- and three-hop neighbourhood of source nodes. Not thread-safe: one instance per
 * graph and caller; `candidatesOf` overwrites the previous answer.
 */
export class Neighbourhood {
  private readonly n: number;
  readonly degrees: Degrees;
  private readonly linked: Int32Array;
  private readonly seen2: Int32Array;
  private readonly seen3: Int32Array;
  private readonly h: Float64Array;
  private readonly hw: Float64Array;
  private readonly cn: Float64Array;
  private readonly aa: Float64Array;
  private readonly r3: Float64Array;
  private readonly r3w: Float64Array;
  private readonly list2: Int32Array;
  private readonly list3: Int32Array;
  private epoch = 0;
  private readonly out: Candidates;
  private readonly threeHopOnly: number;

  constructor(
    private readonly graph: Graph,
    options: NeighbourhoodOptions = {},
  ) {
    const n = graph.ids.length;
    this.n = n;
    this.degrees = degreesOf(graph);
    this.linked = new Int32Array(n);
    this.seen2 = new Int32Array(n);
    this.seen3 = new Int32Array(n);
    this.h = new Float64Array(n);
    this.hw = new Float64Array(n);
    this.cn = new Float64Array(n);
    this.aa = new Float64Array(n);
    this.r3 = new Float64Array(n);
    this.r3w = new Float64Array(n);
    this.list2 = new Int32Array(n);
    this.list3 = new Int32Array(n);
    this.threeHopOnly = options.threeHopOnly ?? 30;
    this.out = {
      count: 0,
      node: new Int32Array(n),
      cn: new Float64Array(n),
      aa: new Float64Array(n),
      ra: new Float64Array(n),
      raw: new Float64Array(n),
      ra3: new Float64Array(n),
      ra3w: new Float64Array(n),
    };
  }

  candidatesOf(u: number): Candidates {
    const { offsets, neighbours, weights } = this.graph;
    const { degree, strength } = this.degrees;
    const e = ++this.epoch;
    const { linked, seen2, seen3, h, hw, cn, aa, r3, r3w, list2, list3 } = this;
    linked[u] = e;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) linked[neighbours[k]] = e;

    // Two hops: every v != u reached through a neighbour w (v may itself be a neighbour of u).
    let n2 = 0;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const w = neighbours[k];
      const wuw = weights[k];
      const kw = degree[w];
      const sw = strength[w];
      const invK = 1 / kw;
      const invLog = kw > 1 ? 1 / Math.log(kw) : 0;
      for (let j = offsets[w]; j < offsets[w + 1]; j++) {
        const v = neighbours[j];
        if (v === u) continue;
        if (seen2[v] !== e) {
          seen2[v] = e;
          h[v] = 0;
          hw[v] = 0;
          cn[v] = 0;
          aa[v] = 0;
          list2[n2++] = v;
        }
        h[v] += invK;
        hw[v] += (wuw * weights[j]) / sw;
        cn[v] += 1;
        aa[v] += invLog;
      }
    }

    // Three hops: paths u-a-b-v, b any node reached in two hops, v not linked to u.
    let n3 = 0;
    for (let i = 0; i < n2; i++) {
      const b = list2[i];
      const hb = h[b] / degree[b];
      const hwb = hw[b] / strength[b];
      for (let j = offsets[b]; j < offsets[b + 1]; j++) {
        const v = neighbours[j];
        if (linked[v] === e) continue;
        if (seen3[v] !== e) {
          seen3[v] = e;
          r3[v] = 0;
          r3w[v] = 0;
          list3[n3++] = v;
        }
        r3[v] += hb;
        r3w[v] += hwb * weights[j];
      }
    }

    const out = this.out;
    let c = 0;
    const put = (v: number, two: boolean): void => {
      out.node[c] = v;
      out.cn[c] = two ? cn[v] : 0;
      out.aa[c] = two ? aa[v] : 0;
      out.ra[c] = two ? h[v] : 0;
      out.raw[c] = two ? hw[v] : 0;
      out.ra3[c] = seen3[v] === e ? r3[v] : 0;
      out.ra3w[c] = seen3[v] === e ? r3w[v] : 0;
      c++;
    };
    for (let i = 0; i < n2; i++) {
      const v = list2[i];
      if (linked[v] !== e) put(v, true);
    }
    // Three hops only: keep the best few by three-hop resource (ties to the smaller index).
    const only: number[] = [];
    for (let i = 0; i < n3; i++) {
      const v = list3[i];
      if (seen2[v] !== e) only.push(v);
    }
    if (only.length > this.threeHopOnly) {
      only.sort((a, b) => r3[b] - r3[a] || a - b);
      only.length = this.threeHopOnly;
    }
    for (const v of only) put(v, false);
    out.count = c;
    return out;
  }
}
