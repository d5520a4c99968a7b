// The openness report: E-I index of the whole graph and of each group, and Burt's constraint and
// effective size of each node, with networkx's definitions (see ../README.md).
import { NetworkInputError } from './errors';
import { Graph } from './graph';
import { byString, eiOf, groupMap, indexGroups } from './internal';

export interface GroupOpenness {
  group: string;
  /** Edges with both ends in the group. */
  internal: number;
  /** Edges with exactly one end in the group. */
  external: number;
  /** (external - internal) / (external + internal); null when the group has no edge. */
  ei: number | null;
}

export interface NodeOpenness {
  id: string;
  /** Number of distinct neighbours. */
  degree: number;
  /** Burt's constraint; null for a node without ties. */
  constraint: number | null;
  /** Burt's effective size; null for a node without ties. */
  effectiveSize: number | null;
}

export interface OpennessReport {
  /** E-I index of the whole graph over the groups (edges between groups vs within); null without edges. */
  ei: number | null;
  /** Sorted by group name (string order). */
  groups: GroupOpenness[];
  /** Every node of the graph and of the groups, sorted by id (string order). */
  nodes: NodeOpenness[];
}

/** Node -> group. */
export type Groups = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Node -> group, where a group may be unknown (`null`, or the node missing). */
export type PartialGroups = ReadonlyMap<string, string | null> | Readonly<Record<string, string | null>>;

/** The E-I part of the openness report. */
export type EiReport = Pick<OpennessReport, 'ei' | 'groups'>;

/**
 * E-I index (Krackhardt and Stern) of the whole graph and of each group, edges counted, weights
 * ignored; O(nodes + edges). A node whose group is unknown (`null`, or missing from `groups`) is
 * left out with its edges: they count neither for a group nor for the whole graph. `groups` lists
 * every group named in `groups` (nodes outside the graph included), sorted by name.
 */
export function eiIndex(graph: Graph, groups: PartialGroups): EiReport {
  const { names, of } = indexGroups(graph, groups);
  const internalOf = new Int32Array(names.length);
  const externalOf = new Int32Array(names.length);
  let internal = 0;
  let external = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const ga = of[graph.edgeSources[e]];
    const gb = of[graph.edgeTargets[e]];
    if (ga < 0 || gb < 0) continue;
    if (ga === gb) {
      internal++;
      internalOf[ga]++;
    } else {
      external++;
      externalOf[ga]++;
      externalOf[gb]++;
    }
  }
  return {
    ei: eiOf(external, internal),
    groups: names.map((group, k) => ({ group, internal: internalOf[k], external: externalOf[k], ei: eiOf(externalOf[k], internalOf[k]) })),
  };
}

/**
 * Computes the report. Every node of the graph must have a group; nodes of `groups` that are
 * not in the graph are reported as isolated (degree 0, null metrics).
 */
export function openness(graph: Graph, groups: Groups): OpennessReport {
  const groupOf = groupMap(groups);
  for (const id of graph.ids) {
    if (groupOf.get(id) == null) throw new NetworkInputError(`node ${JSON.stringify(id)} has no group`);
  }
  const { ei, groups: groupReports } = eiIndex(graph, groupOf);

  const metrics = structuralHoles(graph);
  const nodes: NodeOpenness[] = graph.ids.map((id, i) => ({
    id,
    degree: graph.offsets[i + 1] - graph.offsets[i],
    constraint: metrics.constraint[i],
    effectiveSize: metrics.effectiveSize[i],
  }));
  for (const id of groupOf.keys()) {
    if (!graph.index.has(id)) nodes.push({ id, degree: 0, constraint: null, effectiveSize: null });
  }
  nodes.sort((a, b) => byString(a.id, b.id));

  return { ei, groups: groupReports, nodes };
}

export interface StructuralHoles {
  /** By node index; null for a node without ties. */
  constraint: (number | null)[];
  effectiveSize: (number | null)[];
}

/**
 * Burt's constraint and effective size of every node, with proportional tie strengths
 * p_ij = w_ij / sum_k w_ik and m_jq = w_jq / max_k w_jk:
 *   constraint_i    = sum_{j in N(i)} (p_ij + sum_{q in N(i), q != j} p_iq p_qj)^2
 *   effectiveSize_i = sum_{j in N(i)} (1 - sum_{q in N(i), q != j} p_iq m_jq)
 * Both indirect sums run over the paths i - q - j with j a neighbour of i, found by walking the
 * neighbours of each neighbour q once: O(sum over nodes of degree^2) in all.
 */
export function structuralHoles(graph: Graph): StructuralHoles {
  const { offsets, neighbours, weights } = graph;
  const n = graph.ids.length;
  const strength = new Float64Array(n);
  const maxWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let m = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      s += weights[k];
      if (weights[k] > m) m = weights[k];
    }
    strength[i] = s;
    maxWeight[i] = m;
  }

  const constraint: (number | null)[] = new Array(n).fill(null);
  const effectiveSize: (number | null)[] = new Array(n).fill(null);
  // slot[j]: position of j among the neighbours of the current i (+1), 0 when not a neighbour.
  const slot = new Int32Array(n);
  let viaP = new Float64Array(16); // sum_q p_iq p_qj, per neighbour j of i
  let viaM = new Float64Array(16); // sum_q p_iq w_qj, per neighbour j of i

  for (let i = 0; i < n; i++) {
    const start = offsets[i];
    const degree = offsets[i + 1] - start;
    if (degree === 0) continue;
    if (degree > viaP.length) {
      viaP = new Float64Array(degree);
      viaM = new Float64Array(degree);
    }
    for (let k = 0; k < degree; k++) {
      slot[neighbours[start + k]] = k + 1;
      viaP[k] = 0;
      viaM[k] = 0;
    }
    const si = strength[i];
    for (let k = 0; k < degree; k++) {
      const q = neighbours[start + k];
      const piq = weights[start + k] / si;
      const sq = strength[q];
      for (let l = offsets[q]; l < offsets[q + 1]; l++) {
        const s = slot[neighbours[l]]; // j = neighbours[l]; j === i has slot 0 (no self-loops)
        if (s === 0) continue;
        viaP[s - 1] += piq * (weights[l] / sq);
        viaM[s - 1] += piq * weights[l];
      }
    }
    let c = 0;
    let e = 0;
    for (let k = 0; k < degree; k++) {
      const j = neighbours[start + k];
      const local = weights[start + k] / si + viaP[k];
      c += local * local;
      e += 1 - viaM[k] / maxWeight[j];
      slot[j] = 0;
    }
    constraint[i] = c;
    effectiveSize[i] = e;
  }
  return { constraint, effectiveSize };
}
