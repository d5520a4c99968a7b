import { Graph, graphFromIndexedEdges } from '@opn/network-metrics';
import { FirmAttributes, attributesAt } from './firms.projection';
import type { NetworkSources } from './network.index';

/** A stretch of time `[from, to)` (ISO instants; `to` null: open). */
export interface Period {
  from: string;
  to: string | null;
}

export const within = (periods: readonly Period[], at: string): boolean => periods.some((p) => p.from <= at && (p.to === null || at < p.to));

/** A firm of a territory's roster with the periods it was a member (from the territory's own log). */
export interface RosterMember {
  siren: string;
  name?: string;
  groups: readonly string[];
  periods: readonly Period[];
}

/** The dimensions firms are grouped by. `group` is the coordinator's own labels (a firm may have several). */
export const DIMENSIONS = ['sector', 'town', 'size', 'group'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const PARTITIONS = ['sector', 'town', 'size'] as const;
export type Partition = (typeof PARTITIONS)[number];

export interface SnapshotFirm {
  companyId: string;
  siren: string;
  name: string;
  attributes: FirmAttributes;
  groups: readonly string[];
}

/** The territory's network at one instant: its member firms on the platform and the company relations active between them. */
export interface NetworkSnapshot {
  at: string;
  /** Member firms at `at`, on the platform or not. */
  members: number;
  /** Member firms registered on the platform at `at`: the nodes of `graph`, in the same order. */
  firms: SnapshotFirm[];
  /** Company relations active at `at` between member firms; weight = number of such relations of the pair. */
  graph: Graph;
  /** Kinds of relations of each edge (same index as the graph's edges), when asked for (exports). */
  edgeKinds?: string[][];
  /** For each partition dimension: node id -> group. */
  partitions: Record<Partition, Map<string, string>>;
}

export const partitionOf = (attributes: FirmAttributes, dimension: Partition): string =>
  dimension === 'sector' ? attributes.sector : dimension === 'town' ? attributes.town : attributes.sizeBand;

interface PreparedFirm {
  companyId: string;
  siren: string;
  name: string;
  history: readonly FirmAttributes[];
  periods: readonly Period[];
  groups: readonly string[];
}

/**
 * What does not depend on the instant, prepared once (and kept while neither the network nor the
 * roster changes): the member firms on the platform, indexed in company id order, the pairs of
 * them with a relation (in the same order, so graphs come out sorted without comparing strings),
 * and every relation between them for the monthly flows.
 */
export interface PreparedTerritory {
  roster: readonly RosterMember[];
  firms: PreparedFirm[];
  index: Map<string, number>;
  /** `spans`: the active periods as epoch milliseconds `[from, to, from, to, ...]` (to: Infinity while open), compared without parsing dates. */
  pairs: Array<{ a: number; b: number; relations: ReadonlyArray<{ kind: string; spans: Float64Array }> }>;
  relations: Array<{ a: number; b: number; firstFrom: string | undefined }>;
}

export function prepareTerritory(sources: NetworkSources, roster: readonly RosterMember[]): PreparedTerritory {
  const found: PreparedFirm[] = [];
  const seen = new Set<string>();
  for (const member of roster) {
    const companyId = sources.firmBySiren.get(member.siren);
    if (companyId === undefined || seen.has(companyId)) continue;
    seen.add(companyId);
    const firm = sources.firms.get(companyId)!;
    found.push({ companyId, siren: member.siren, name: firm.legalName, history: firm.history, periods: member.periods, groups: member.groups });
  }
  const firms = found.sort((x, y) => (x.companyId < y.companyId ? -1 : x.companyId > y.companyId ? 1 : 0));
  const index = new Map(firms.map((f, i) => [f.companyId, i]));
  const n = firms.length;
  const byPair = new Map<number, Array<{ kind: string; spans: Float64Array }>>();
  const relations: PreparedTerritory['relations'] = [];
  for (const relation of sources.relations.values()) {
    const a = index.get(relation.companies[0]);
    const b = index.get(relation.companies[1]);
    if (a === undefined || b === undefined || a === b) continue;
    relations.push({ a, b, firstFrom: relation.periods[0]?.from });
    const key = a < b ? a * n + b : b * n + a;
    const list = byPair.get(key);
    const entry = { kind: relation.kind, spans: spansOf(relation.periods) };
    if (list) list.push(entry);
    else byPair.set(key, [entry]);
  }
  const pairs = [...byPair.entries()].sort(([x], [y]) => x - y).map(([key, list]) => ({ a: Math.floor(key / n), b: key % n, relations: list }));
  return { roster, firms, index, pairs, relations };
}

/** Periods as epoch milliseconds `[from, to, ...]`, `to` Infinity while open. */
export function spansOf(periods: readonly Period[]): Float64Array {
  const spans = new Float64Array(periods.length * 2);
  periods.forEach((p, i) => {
    spans[2 * i] = Date.parse(p.from);
    spans[2 * i + 1] = p.to === null ? Infinity : Date.parse(p.to);
  });
  return spans;
}

/** `within` for spans: some period with from <= t < to. */
export function activeAt(spans: Float64Array, t: number): boolean {
  for (let i = 0; i < spans.length; i += 2) if (spans[i] <= t && t < spans[i + 1]) return true;
  return false;
}

/** The territory at one instant: how many members, and each prepared firm's attributes when it is a member on the platform then. */
export interface Slice {
  at: string;
  members: number;
  attributes: Array<FirmAttributes | undefined>;
}

export function sliceAt(p: PreparedTerritory, at: string): Slice {
  let members = 0;
  for (const m of p.roster) if (within(m.periods, at)) members++;
  return { at, members, attributes: p.firms.map((f) => (within(f.periods, at) ? attributesAt(f, at) : undefined)) };
}

/** The network of a slice: member firms on the platform as nodes (company id order), pairs with a relation active then as edges. */
export function snapshotOf(p: PreparedTerritory, slice: Slice, options: { kinds?: boolean } = {}): NetworkSnapshot {
  const position = new Int32Array(p.firms.length).fill(-1);
  const firms: SnapshotFirm[] = [];
  p.firms.forEach((f, i) => {
    const attributes = slice.attributes[i];
    if (!attributes) return;
    position[i] = firms.length;
    firms.push({ companyId: f.companyId, siren: f.siren, name: f.name, attributes, groups: f.groups });
  });
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  const edgeKinds: string[][] = [];
  const t = Date.parse(slice.at);
  for (const pair of p.pairs) {
    if (position[pair.a] < 0 || position[pair.b] < 0) continue;
    let weight = 0;
    for (const r of pair.relations) if (activeAt(r.spans, t)) weight++;
    if (weight === 0) continue;
    sources.push(position[pair.a]);
    targets.push(position[pair.b]);
    weights.push(weight);
    if (options.kinds) edgeKinds.push([...new Set(pair.relations.filter((r) => activeAt(r.spans, t)).map((r) => r.kind))].sort());
  }
  const graph = graphFromIndexedEdges(
    firms.map((f) => f.companyId),
    sources,
    targets,
    weights,
  );
  const partitions = Object.fromEntries(PARTITIONS.map((d) => [d, new Map(firms.map((f) => [f.companyId, partitionOf(f.attributes, d)]))])) as Record<Partition, Map<string, string>>;
  return { at: slice.at, members: slice.members, firms, graph, ...(options.kinds ? { edgeKinds } : {}), partitions };
}

/** The network of the territory at `at`. Nodes are sorted by company id, so equal inputs give equal graphs. */
export function snapshotAt(sources: NetworkSources, roster: readonly RosterMember[], at: string): NetworkSnapshot {
  const prepared = prepareTerritory(sources, roster);
  return snapshotOf(prepared, sliceAt(prepared, at), { kinds: true });
}

/** Counts of one coordinators' label: edges with both ends carrying it, with one end, and member firms carrying it. */
export interface LabelCount {
  internal: number;
  external: number;
  firms: number;
}

/**
 * The coordinators' labels overlap (a firm may carry several): an edge is internal to a label when
 * both ends carry it and external when one does. `labelsOf(i)` is undefined for a firm that is not
 * a node; `edges` are node pairs, flat (`[a0, b0, a1, b1, ...]`).
 */
export function labelCounts(n: number, labelsOf: (i: number) => readonly string[] | undefined, edges: ArrayLike<number>): Map<string, LabelCount> {
  const counts = new Map<string, LabelCount>();
  const entry = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { internal: 0, external: 0, firms: 0 }));
    return c;
  };
  for (let i = 0; i < n; i++) for (const label of labelsOf(i) ?? []) entry(label).firms++;
  for (let e = 0; e < edges.length; e += 2) {
    const a = labelsOf(edges[e]) ?? [];
    const b = labelsOf(edges[e + 1]) ?? [];
    for (const label of a) entry(label)[b.includes(label) ? 'internal' : 'external']++;
    for (const label of b) if (!a.includes(label)) entry(label).external++;
  }
  return counts;
}
