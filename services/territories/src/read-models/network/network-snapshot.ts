import { Graph, graphFromEdges } from '@opn/network-metrics';
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
  /** Kinds of relations of each edge (same index as the graph's edges). */
  edgeKinds: string[][];
  /** For each partition dimension: node id -> group. */
  partitions: Record<Partition, Map<string, string>>;
}

export const partitionOf = (attributes: FirmAttributes, dimension: Partition): string =>
  dimension === 'sector' ? attributes.sector : dimension === 'town' ? attributes.town : attributes.sizeBand;

/** Member firms at `at`, by company id (those registered on the platform) and how many members in all. */
export function membersAt(sources: NetworkSources, roster: readonly RosterMember[], at: string): { count: number; firms: Map<string, SnapshotFirm> } {
  const firms = new Map<string, SnapshotFirm>();
  let count = 0;
  for (const member of roster) {
    if (!within(member.periods, at)) continue;
    count++;
    const companyId = sources.firmBySiren.get(member.siren);
    if (companyId === undefined) continue;
    const firm = sources.firms.get(companyId)!;
    const attributes = attributesAt(firm, at);
    if (!attributes) continue;
    firms.set(companyId, { companyId, siren: member.siren, name: firm.legalName, attributes, groups: member.groups });
  }
  return { count, firms };
}

/** The network of the territory at `at`. Nodes are sorted by company id, so equal inputs give equal graphs. */
export function snapshotAt(sources: NetworkSources, roster: readonly RosterMember[], at: string): NetworkSnapshot {
  const { count, firms } = membersAt(sources, roster, at);
  const ordered = [...firms.values()].sort((a, b) => (a.companyId < b.companyId ? -1 : a.companyId > b.companyId ? 1 : 0));
  const pairs = new Map<string, { source: string; target: string; weight: number; kinds: string[] }>();
  for (const relation of sources.relations.values()) {
    const [a, b] = relation.companies;
    if (!firms.has(a) || !firms.has(b) || !within(relation.periods, at)) continue;
    const key = `${a}\u0000${b}`;
    const pair = pairs.get(key);
    if (pair) {
      pair.weight++;
      if (!pair.kinds.includes(relation.kind)) pair.kinds.push(relation.kind);
    } else pairs.set(key, { source: a, target: b, weight: 1, kinds: [relation.kind] });
  }
  const edges = [...pairs.values()].sort((x, y) => (x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0));
  const graph = graphFromEdges(edges, ordered.map((f) => f.companyId));
  const partitions = Object.fromEntries(PARTITIONS.map((d) => [d, new Map(ordered.map((f) => [f.companyId, partitionOf(f.attributes, d)]))])) as Record<Partition, Map<string, string>>;
  return { at, members: count, firms: ordered, graph, edgeKinds: edges.map((e) => e.kinds.sort()), partitions };
}
