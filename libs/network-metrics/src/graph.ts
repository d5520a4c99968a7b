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
    const n = this.ids.length;
    const m = this.sources.length;
    const offsets = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      offsets[this.sources[e] + 1]++;
      offsets[this.targets[e] + 1]++;
    }
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, n);
    const neighbours = new Int32Array(2 * m);
    const weights = new Float64Array(2 * m);
    for (let e = 0; e < m; e++) {
      const a = this.sources[e];
      const b = this.targets[e];
      const w = this.edgeWeights[e];
      neighbours[fill[a]] = b;
      weights[fill[a]++] = w;
      neighbours[fill[b]] = a;
      weights[fill[b]++] = w;
    }
    return {
      ids: [...this.ids],
      index: new Map(this.index),
      offsets,
      neighbours,
      weights,
      edgeCount: m,
      edgeSources: Int32Array.from(this.sources),
      edgeTargets: Int32Array.from(this.targets),
    };
  }
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
