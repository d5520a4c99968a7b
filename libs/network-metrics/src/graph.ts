// An undirected, weighted simple graph over string ids, stored as adjacency arrays (compressed rows)
// so that the metrics walk neighbours with plain index arithmetic.
import { NetworkInputError } from './errors';

export interface Graph {
  /** Node ids, in insertion order; a node's index is its position here. */
  readonly ids: readonly string[];
  /** Index of each id. */
  readonly index: ReadonlyMap<string, number>;
  /** Neighbours of node i: `neighbours[offsets[i]] .. neighbours[offsets[i + 1] - 1]`. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  /** Weight of the tie at the same position in `neighbours` (finite, > 0). */
  readonly weights: Float64Array;
  /** Number of edges (unordered pairs). */
  readonly edgeCount: number;
  /** The edges, each once, in insertion order: endpoints as indexes. */
  readonly edgeSources: Int32Array;
  readonly edgeTargets: Int32Array;
}

/** Where an edge came from, for error messages (e.g. its CSV line). */
export interface EdgeOrigin {
  file?: string;
  line?: number;
}

/**
 * Builds a Graph. Refuses self-loops, weights that are not finite and > 0, and a second edge
 * between the same unordered pair (naming both origins when known).
 */
export class GraphBuilder {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly sources: number[] = [];
  private readonly targets: number[] = [];
  private readonly edgeWeights: number[] = [];
  private readonly seen = new Map<string, EdgeOrigin>();

  /** Adds a node (no-op when present) and returns its index. */
  addNode(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      if (id === '') throw new NetworkInputError('empty node id');
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }

  addEdge(source: string, target: string, weight = 1, origin: EdgeOrigin = {}): this {
    const fail = (reason: string): never => {
      throw new NetworkInputError(reason, origin.file, origin.line);
    };
    if (source === '' || target === '') fail('empty node id');
    if (source === target) fail(`self-loop on ${JSON.stringify(source)}`);
    if (!(Number.isFinite(weight) && weight > 0)) fail(`bad weight ${weight}: must be a finite number > 0`);
    // JSON of the sorted pair: unambiguous whatever characters the ids contain.
    const key = JSON.stringify(source < target ? [source, target] : [target, source]);
    const previous = this.seen.get(key);
    if (previous) {
      const where = previous.line !== undefined ? ` (already on line ${previous.line})` : '';
      fail(`duplicate edge ${JSON.stringify(source)} - ${JSON.stringify(target)}${where}`);
    }
    this.seen.set(key, origin);
    this.sources.push(this.addNode(source));
    this.targets.push(this.addNode(target));
    this.edgeWeights.push(weight);
    return this;
  }

  build(): Graph {
    return compressed([...this.ids], new Map(this.index), Int32Array.from(this.sources), Int32Array.from(this.targets), Float64Array.from(this.edgeWeights));
  }
}

/** The adjacency arrays (compressed rows) of a graph whose edges are given by node index. */
function compressed(ids: string[], index: Map<string, number>, edgeSources: Int32Array, edgeTargets: Int32Array, edgeWeights: Float64Array): Graph {
  const n = ids.length;
  const m = edgeSources.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[edgeSources[e] + 1]++;
    offsets[edgeTargets[e] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(2 * m);
  const weights = new Float64Array(2 * m);
  for (let e = 0; e < m; e++) {
    const a = edgeSources[e];
    const b = edgeTargets[e];
    const w = edgeWeights[e];
    neighbours[fill[a]] = b;
    weights[fill[a]++] = w;
    neighbours[fill[b]] = a;
    weights[fill[b]++] = w;
  }
  return { ids, index, offsets, neighbours, weights, edgeCount: m, edgeSources, edgeTargets };
}

/**
 * A graph from node ids and edges given by node index (for callers that already hold indexes, such
 * as a service's memory read model): the same checks as GraphBuilder (no self-loop, no second edge
 * of a pair, weights finite and > 0, distinct non-empty ids) without building a string key per edge.
 */
export function graphFromIndexedEdges(ids: readonly string[], sources: ArrayLike<number>, targets: ArrayLike<number>, weights?: ArrayLike<number>): Graph {
  const n = ids.length;
  const m = sources.length;
  if (targets.length !== m || (weights && weights.length !== m)) throw new NetworkInputError('sources, targets and weights must have the same length');
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === '') throw new NetworkInputError('empty node id');
    if (index.has(id)) throw new NetworkInputError(`node ${JSON.stringify(id)} given twice`);
    index.set(id, i);
  });
  const seen = new Set<number>();
  const es = new Int32Array(m);
  const et = new Int32Array(m);
  const ew = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const a = sources[e];
    const b = targets[e];
    const w = weights ? weights[e] : 1;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n) throw new NetworkInputError(`edge ${e}: node index out of range`);
    if (a === b) throw new NetworkInputError(`self-loop on ${JSON.stringify(ids[a])}`);
    if (!(Number.isFinite(w) && w > 0)) throw new NetworkInputError(`bad weight ${w}: must be a finite number > 0`);
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) throw new NetworkInputError(`duplicate edge ${JSON.stringify(ids[a])} - ${JSON.stringify(ids[b])}`);
    seen.add(key);
    es[e] = a;
    et[e] = b;
    ew[e] = w;
  }
  return compressed([...ids], index, es, et, ew);
}

export interface EdgeInput {
  source: string;
  target: string;
  /** 1 when absent. */
  weight?: number;
}

/** A graph from a list of edges, plus nodes without edges (`nodes`, optional). */
export function graphFromEdges(edges: Iterable<EdgeInput>, nodes: Iterable<string> = []): Graph {
  const builder = new GraphBuilder();
  for (const id of nodes) builder.addNode(id);
  for (const e of edges) builder.addEdge(e.source, e.target, e.weight ?? 1);
  return builder.build();
}
