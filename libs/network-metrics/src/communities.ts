// Louvain communities (Blondel et al. 2008) with the tie weights, deterministic, and the closed
// clusters a territory coordinator is warned about. Definitions in ../README.md.
import { Graph } from './graph';
import { checkLimit, eiOf } from './internal';

export interface Communities {
  /** Community of each node, by node index: 0..count-1, numbered in the order of their first node. */
  community: number[];
  count: number;
  /** Newman's modularity of this partition (weights used, resolution 1); 0 for a graph without edges. */
  modularity: number;
}

/** One level of the Louvain hierarchy: a weighted graph without self-loops, plus node strengths. */
interface Level {
  n: number;
  offsets: Int32Array;
  neighbours: Int32Array;
  weights: Float64Array;
  /** Strength of each (super)node in the original graph: its members' weighted degrees, internal ties counted twice. */
  strength: Float64Array;
}

/**
 * Louvain modularity communities. Deterministic: at each level the nodes are visited in index
 * order, a node moves to the neighbouring community with the largest modularity gain (ties to the
 * smallest community index) only when that gain beats staying in its own, passes repeat until no
 * node moves; the communities then become the nodes of the next level (numbered by their first
 * node), until a level moves no node. Each level costs O(nodes + ties) per pass.
 */
export function communities(graph: Graph): Communities {
  const n = graph.ids.length;
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) s += graph.weights[k];
    strength[i] = s;
  }
  let level: Level = { n, offsets: graph.offsets, neighbours: graph.neighbours, weights: graph.weights, strength };
  // node of the original graph -> node of the current level
  const membership = new Int32Array(n);
  for (let i = 0; i < n; i++) membership[i] = i;
  let twoM = 0;
  for (let i = 0; i < n; i++) twoM += strength[i];

  if (twoM > 0) {
    for (;;) {
      const community = moveNodes(level, twoM);
      if (community === null) break;
      const { next, renumber } = aggregate(level, community);
      for (let i = 0; i < n; i++) membership[i] = renumber[community[membership[i]]];
      level = next;
    }
  }

  // Final ids by first original node.
  const id = new Int32Array(level.n).fill(-1);
  let count = 0;
  const community: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = membership[i];
    if (id[c] < 0) id[c] = count++;
    community[i] = id[c];
  }
  return { community, count, modularity: modularity(graph, community) };
}

/**
 * Local moving phase on one level. Returns the community of each level node (a level node index),
 * or null when no node moved.
 */
function moveNodes(level: Level, twoM: number): Int32Array | null {
  const { n, offsets, neighbours, weights, strength } = level;
  const community = new Int32Array(n);
  const total = new Float64Array(n); // sum of strengths of each community
  for (let i = 0; i < n; i++) {
    community[i] = i;
    total[i] = strength[i];
  }
  // weight from the current node to each community, and the communities touched (marker: touched[c] = 1)
  const toCommunity = new Float64Array(n);
  const touched = new Uint8Array(n);
  const list = new Int32Array(n);
  let movedAny = false;
  for (let moved = true; moved; ) {
    moved = false;
    for (let i = 0; i < n; i++) {
      const start = offsets[i];
      const end = offsets[i + 1];
      if (start === end) continue;
      const own = community[i];
      let size = 0;
      for (let k = start; k < end; k++) {
        const c = community[neighbours[k]];
        if (touched[c] === 0) {
          touched[c] = 1;
          list[size++] = c;
        }
        toCommunity[c] += weights[k];
      }
      const ki = strength[i];
      total[own] -= ki;
      // gain of joining c, up to a common factor 1/m and the constant cost of leaving own:
      // w(i, c) - k_i tot(c) / 2m
      const ownGain = toCommunity[own] - (ki * total[own]) / twoM;
      let best = own;
      let bestGain = ownGain;
      for (let t = 0; t < size; t++) {
        const c = list[t];
        const gain = toCommunity[c] - (ki * total[c]) / twoM;
        if (gain > bestGain || (gain === bestGain && c < best)) {
          best = c;
          bestGain = gain;
        }
      }
      // Move only for a real improvement: rounding must not make nodes swap back and forth.
      if (best !== own && !(bestGain - ownGain > 1e-12 * ki)) best = own;
      total[best] += ki;
      if (best !== own) {
        community[i] = best;
        moved = true;
        movedAny = true;
      }
      for (let t = 0; t < size; t++) {
        toCommunity[list[t]] = 0;
        touched[list[t]] = 0;
      }
      toCommunity[own] = 0;
    }
  }
  return movedAny ? community : null;
}

/** The graph of the communities: one node per community, numbered by first node; ties summed, internal ties dropped. */
function aggregate(level: Level, community: Int32Array): { next: Level; renumber: Int32Array } {
  const { n, offsets, neighbours, weights, strength } = level;
  const renumber = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) if (renumber[community[i]] < 0) renumber[community[i]] = count++;
  // members of each new node, in index order (counting sort)
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[renumber[community[i]] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[renumber[community[i]]]++] = i;

  const nextStrength = new Float64Array(count);
  const toNode = new Float64Array(count);
  const position = new Int32Array(count).fill(-1);
  const list = new Int32Array(count);
  const nextOffsets = new Int32Array(count + 1);
  const nbr: number[] = [];
  const wts: number[] = [];
  for (let c = 0; c < count; c++) {
    let size = 0;
    for (let m = start[c]; m < start[c + 1]; m++) {
      const i = members[m];
      nextStrength[c] += strength[i];
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        const d = renumber[community[neighbours[k]]];
        if (d === c) continue;
        if (position[d] < 0) {
          position[d] = size;
          list[size++] = d;
        }
        toNode[d] += weights[k];
      }
    }
    for (let t = 0; t < size; t++) {
      const d = list[t];
      nbr.push(d);
      wts.push(toNode[d]);
      toNode[d] = 0;
      position[d] = -1;
    }
    nextOffsets[c + 1] = nbr.length;
  }
  return {
    next: { n: count, offsets: nextOffsets, neighbours: Int32Array.from(nbr), weights: Float64Array.from(wts), strength: nextStrength },
    renumber,
  };
}

/**
 * Newman's modularity of a partition (community of each node index), weights used, resolution 1:
 * sum over communities c of L_c / m - (d_c / 2m)^2, with m the total weight, L_c the weight of the
 * ties inside c and d_c the total strength of its nodes, as networkx's `community.modularity`.
 * 0 for a graph without edges (networkx divides by zero). O(nodes + edges).
 */
export function modularity(graph: Graph, community: readonly number[]): number {
  const n = graph.ids.length;
  if (community.length !== n) throw new RangeError(`community has ${community.length} entries for ${n} nodes`);
  let count = 0;
  for (const c of community) {
    if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`community ids must be non-negative integers, got ${c}`);
    if (c + 1 > count) count = c + 1;
  }
  const inside = new Float64Array(count);
  const degree = new Float64Array(count);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const ci = community[i];
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) {
      const w = graph.weights[k];
      degree[ci] += w;
      m += w;
      if (community[graph.neighbours[k]] === ci) inside[ci] += w; // each internal tie seen from both ends
    }
  }
  if (m === 0) return 0;
  // m holds 2 * total weight, inside twice each internal weight
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c] / m - (degree[c] / m) ** 2;
  return q;
}

export interface ClosedCluster {
  /** Community id (as in `communities(graph).community`). */
  community: number;
  size: number;
  /** Edges with both ends in the cluster (counted, weights ignored). */
  internal: number;
  /** Edges with exactly one end in it. */
  external: number;
  /** internal / (size (size - 1) / 2). */
  density: number;
  /** (external - internal) / (external + internal); null for a cluster without any edge. */
  ei: number | null;
  /** Node ids, in node index order. */
  members: string[];
}

export interface ClosedClustersOptions {
  /** Smallest cluster reported (default 3). */
  minSize?: number;
  /** Number of clusters returned (default 10; Infinity for all). */
  limit?: number;
  /** `communities(graph)` when already computed. */
  communities?: Communities;
}

/**
 * The Louvain communities of at least `minSize` nodes, most closed first: by E-I index ascending
 * (null last), then size descending, then community id; the first `limit`. O(nodes + edges) after
 * `communities`.
 */
export function closedClusters(graph: Graph, options: ClosedClustersOptions = {}): ClosedCluster[] {
  const minSize = options.minSize ?? 3;
  const limit = checkLimit('limit', options.limit ?? 10);
  if (!Number.isInteger(minSize) || minSize < 1) throw new RangeError(`minSize must be a positive integer, got ${minSize}`);
  const found = options.communities ?? communities(graph);
  const { community, count } = found;
  if (community.length !== graph.ids.length) throw new RangeError('communities: not a partition of this graph');
  const size = new Int32Array(count);
  const internal = new Int32Array(count);
  const external = new Int32Array(count);
  for (const c of community) size[c]++;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = community[graph.edgeSources[e]];
    const b = community[graph.edgeTargets[e]];
    if (a === b) internal[a]++;
    else {
      external[a]++;
      external[b]++;
    }
  }
  const members: string[][] = Array.from({ length: count }, () => []);
  graph.ids.forEach((id, i) => members[community[i]].push(id));
  const clusters: ClosedCluster[] = [];
  for (let c = 0; c < count; c++) {
    if (size[c] < minSize) continue;
    clusters.push({
      community: c,
      size: size[c],
      internal: internal[c],
      external: external[c],
      density: internal[c] / ((size[c] * (size[c] - 1)) / 2),
      ei: eiOf(external[c], internal[c]),
      members: members[c],
    });
  }
  clusters.sort((x, y) => {
    if (x.ei !== y.ei) {
      if (x.ei === null) return 1;
      if (y.ei === null) return -1;
      return x.ei - y.ei;
    }
    return y.size - x.size || x.community - y.community;
  });
  return clusters.slice(0, limit);
}
