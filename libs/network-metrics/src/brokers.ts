// Local brokers between groups: the nodes whose contacts in different groups are not tied to each
// other, so that the node is their only short path. Definitions in ../README.md.
import { Graph } from './graph';
import { byString, checkLimit, indexGroups } from './internal';
import type { PartialGroups } from './openness';

export interface Broker {
  id: string;
  /** The node's own group; null when unknown. */
  group: string | null;
  /** Pairs of its neighbours in two different (known) groups and not tied to each other. */
  brokeredPairs: number;
  /** Distinct (known) groups among its neighbours. */
  neighbourGroups: number;
  /** Number of neighbours. */
  degree: number;
}

export interface BrokersOptions {
  /** Number of brokers returned (default 20; Infinity for all). */
  limit?: number;
}

/**
 * Every node with brokeredPairs > 0, by brokeredPairs descending then id (string order), the
 * first `limit`. Neighbours whose group is unknown (null or missing) are left out of the pairs
 * and of the group count. O(sum over nodes of degree^2): the pairs in different groups come from
 * the group counts of the neighbours (n^2 - sum n_g^2) / 2, minus the tied ones, found by walking
 * the neighbours of each neighbour against a marker array.
 */
export function brokers(graph: Graph, groups: PartialGroups, options: BrokersOptions = {}): Broker[] {
  const limit = checkLimit('limit', options.limit ?? 20);
  const { offsets, neighbours } = graph;
  const n = graph.ids.length;
  const { names, of } = indexGroups(graph, groups);
  const perGroup = new Int32Array(names.length); // neighbours of the current node in each group
  const mark = new Int32Array(n); // mark[j] = i + 1 when j is a neighbour of the current node i
  const found: Broker[] = [];
  for (let i = 0; i < n; i++) {
    const start = offsets[i];
    const end = offsets[i + 1];
    let known = 0;
    let distinct = 0;
    let sameGroupPairs = 0;
    for (let k = start; k < end; k++) {
      const j = neighbours[k];
      mark[j] = i + 1;
      const g = of[j];
      if (g < 0) continue;
      if (perGroup[g] === 0) distinct++;
      sameGroupPairs += perGroup[g]; // pairs this neighbour forms with the earlier ones of its group
      perGroup[g]++;
      known++;
    }
    let pairs = (known * (known - 1)) / 2 - sameGroupPairs;
    if (pairs > 0) {
      // tied pairs across groups, each seen from both ends
      let tied = 0;
      for (let k = start; k < end; k++) {
        const j = neighbours[k];
        const gj = of[j];
        if (gj < 0) continue;
        for (let l = offsets[j]; l < offsets[j + 1]; l++) {
          const q = neighbours[l];
          if (mark[q] === i + 1 && of[q] >= 0 && of[q] !== gj) tied++;
        }
      }
      pairs -= tied / 2;
    }
    for (let k = start; k < end; k++) {
      const g = of[neighbours[k]];
      if (g >= 0) perGroup[g] = 0;
    }
    if (pairs > 0) {
      found.push({
        id: graph.ids[i],
        group: of[i] < 0 ? null : names[of[i]],
        brokeredPairs: pairs,
        neighbourGroups: distinct,
        degree: end - start,
      });
    }
  }
  found.sort((a, b) => b.brokeredPairs - a.brokeredPairs || byString(a.id, b.id));
  return found.slice(0, limit);
}
