// Helpers shared by the metrics; not part of the public API (index.ts does not export this file).
import { Graph } from './graph';
import type { PartialGroups } from './openness';

export const eiOf = (external: number, internal: number): number | null =>
  external + internal === 0 ? null : (external - internal) / (external + internal);

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const groupMap = <G extends string | null>(groups: ReadonlyMap<string, G> | Readonly<Record<string, G>>): ReadonlyMap<string, G> =>
  groups instanceof Map ? groups : new Map(Object.entries(groups as Readonly<Record<string, G>>));

/**
 * Groups as small integers: `names` sorted in string order, `of[i]` the index in `names` of node
 * i's group, -1 when unknown (null or missing). Every group of the map is named, including groups
 * of nodes that are not in the graph.
 */
export function indexGroups(graph: Graph, groups: PartialGroups): { names: string[]; of: Int32Array } {
  const map = groupMap(groups);
  const names = [...new Set([...map.values()].filter((g): g is string => g !== null && g !== undefined))].sort(byString);
  const position = new Map(names.map((g, k) => [g, k]));
  const of = new Int32Array(graph.ids.length);
  graph.ids.forEach((id, i) => {
    const g = map.get(id);
    of[i] = g === null || g === undefined ? -1 : position.get(g)!;
  });
  return { names, of };
}

/** The weight of each edge, by edge index (the CSR stores them by tie). */
export function edgeWeights(graph: Graph): Float64Array {
  // build() stores the ties of each node in edge order: the k-th edge touching a node is at offsets + k.
  const next = graph.offsets.slice(0, graph.ids.length);
  const out = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.edgeSources[e];
    out[e] = graph.weights[next[a]++];
    next[graph.edgeTargets[e]]++;
  }
  return out;
}

/** A limit option: a non-negative integer or Infinity. */
export function checkLimit(name: string, value: number): number {
  if (!(value === Infinity || (Number.isInteger(value) && value >= 0))) throw new RangeError(`${name} must be a non-negative integer or Infinity, got ${value}`);
  return value;
}
