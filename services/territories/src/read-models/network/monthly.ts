import type { FirmAttributes } from './firms.projection';
import type { NetworkSources } from './network.index';
import { PARTITIONS, Partition, PreparedTerritory, Slice, activeAt } from './network-snapshot';

/**
 * The month-by-month part of the dashboard, in passes over a prepared territory
 * (network-snapshot.ts): each month end is a slice, and every relation, need and pair is visited
 * once per pass instead of once per month and figure.
 */

const groupKey = (a: FirmAttributes, d: Partition): string => (d === 'sector' ? a.sector : d === 'town' ? a.town : a.sizeBand);
const ratio = (external: number, internal: number): number | null => (external + internal === 0 ? null : (external - internal) / (external + internal));

export interface MonthEnd {
  /** Distinct pairs of member firms with an active relation. */
  relations: number;
  ei: Record<Partition, number | null>;
  /** `<dimension>\u0000<group>` -> E-I of the group when it has at least two member firms (else null): the alerts' series. */
  groups: Map<string, number | null>;
}

/**
 * E-I of the firm network at a slice, whole and per group, for the partitions and the
 * coordinators' labels: groups get integer ids and the counts live in typed arrays.
 */
export function monthEnd(p: PreparedTerritory, slice: Slice): MonthEnd {
  const n = p.firms.length;
  const active: number[] = [];
  const t = Date.parse(slice.at);
  for (const pair of p.pairs) {
    if (slice.attributes[pair.a] === undefined || slice.attributes[pair.b] === undefined) continue;
    for (const r of pair.relations) {
      if (activeAt(r.spans, t)) {
        active.push(pair.a, pair.b);
        break;
      }
    }
  }
  const groups = new Map<string, number | null>();
  const ei = {} as Record<Partition, number | null>;
  // Partitions: one group per firm, as integer ids in a typed array.
  for (const d of PARTITIONS) {
    const ids = new Map<string, number>();
    const names: string[] = [];
    const gid = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const a = slice.attributes[i];
      if (!a) continue;
      const key = groupKey(a, d);
      let g = ids.get(key);
      if (g === undefined) {
        g = names.length;
        ids.set(key, g);
        names.push(key);
      }
      gid[i] = g;
    }
    const internal = new Int32Array(names.length);
    const external = new Int32Array(names.length);
    const firms = new Int32Array(names.length);
    for (let i = 0; i < n; i++) if (gid[i] >= 0) firms[gid[i]]++;
    let inside = 0;
    let across = 0;
    for (let e = 0; e < active.length; e += 2) {
      const ga = gid[active[e]];
      const gb = gid[active[e + 1]];
      if (ga === gb) {
        internal[ga]++;
        inside++;
      } else {
        external[ga]++;
        external[gb]++;
        across++;
      }
    }
    names.forEach((name, g) => groups.set(`${d}\u0000${name}`, firms[g] >= 2 ? ratio(external[g], internal[g]) : null));
    ei[d] = ratio(across, inside);
  }
  // The coordinators' labels overlap: internal when both ends carry the label, external when one does.
  const stats = new Map<string, { internal: number; external: number; firms: number }>();
  const stat = (g: string) => {
    let s = stats.get(g);
    if (!s) stats.set(g, (s = { internal: 0, external: 0, firms: 0 }));
    return s;
  };
  for (let i = 0; i < n; i++) if (slice.attributes[i]) for (const g of p.firms[i].groups) stat(g).firms++;
  for (let e = 0; e < active.length; e += 2) {
    const ga = p.firms[active[e]].groups;
    const gb = p.firms[active[e + 1]].groups;
    for (const g of ga) stat(g)[gb.includes(g) ? 'internal' : 'external']++;
    for (const g of gb) if (!ga.includes(g)) stat(g).external++;
  }
  for (const [g, s] of stats) groups.set(`group\u0000${g}`, s.firms >= 2 ? ratio(s.external, s.internal) : null);
  return { relations: active.length / 2, ei, groups };
}

export interface MonthFlows {
  activeFirms: number;
  needsPublished: number;
  needsMet: number;
  introductions: number;
  agreements: number;
  newRelations: number;
  crossSector: number;
  crossTown: number;
  crossSize: number;
}

/**
 * The flows of every month in one pass over needs and relations: an event counts in the month it
 * happened (up to that month's slice instant) when the firms it concerns are members at that
 * month's end, as the coordinators read a month.
 */
export function monthFlows(p: PreparedTerritory, sources: NetworkSources, months: ReadonlyArray<{ month: string; start: string; slice: Slice }>): MonthFlows[] {
  const byMonth = new Map(months.map((m, i) => [m.month, i]));
  const flows: MonthFlows[] = months.map(() => ({ activeFirms: 0, needsPublished: 0, needsMet: 0, introductions: 0, agreements: 0, newRelations: 0, crossSector: 0, crossTown: 0, crossSize: 0 }));
  const active = months.map(() => new Set<number>());
  const monthOfEvent = (at: string | undefined): number => {
    if (!at) return -1;
    const m = byMonth.get(at.slice(0, 7));
    return m !== undefined && at >= months[m].start && at <= months[m].slice.at ? m : -1;
  };
  const member = (m: number, companyId: string | undefined): number => {
    if (companyId === undefined) return -1;
    const i = p.index.get(companyId);
    return i !== undefined && months[m].slice.attributes[i] !== undefined ? i : -1;
  };
  const cross = (m: number, a: number, b: number) => {
    if (a < 0 || b < 0) return;
    const x = months[m].slice.attributes[a]!;
    const y = months[m].slice.attributes[b]!;
    if (x.sector !== y.sector) flows[m].crossSector++;
    if (x.town !== y.town) flows[m].crossTown++;
    if (x.sizeBand !== y.sizeBand) flows[m].crossSize++;
  };
  const touch = (m: number, i: number) => i >= 0 && active[m].add(i);
  for (const need of sources.needs.values()) {
    const published = monthOfEvent(need.publishedAt);
    if (published >= 0) {
      const i = member(published, need.companyId);
      if (i >= 0) {
        flows[published].needsPublished++;
        touch(published, i);
      }
    }
    for (const step of need.steps) {
      const m = monthOfEvent(step.at);
      if (m < 0) continue;
      const publisher = member(m, need.companyId);
      const partner = member(m, step.companyId);
      if (publisher < 0 && partner < 0) continue;
      touch(m, publisher);
      touch(m, partner);
      if (step.step === 'introduced') flows[m].introductions++;
    }
    if (need.outcome === 'agreement') {
      const m = monthOfEvent(need.closedAt);
      if (m < 0) continue;
      const publisher = member(m, need.companyId);
      const partner = member(m, need.partnerCompanyId);
      if (publisher < 0 && partner < 0) continue;
      flows[m].agreements++;
      if (publisher >= 0) flows[m].needsMet++;
      touch(m, publisher);
      touch(m, partner);
      cross(m, publisher, partner);
    }
  }
  for (const relation of p.relations) {
    const m = monthOfEvent(relation.firstFrom);
    if (m < 0) continue;
    const attrs = months[m].slice.attributes;
    if (attrs[relation.a] === undefined || attrs[relation.b] === undefined) continue;
    flows[m].newRelations++;
    touch(m, relation.a);
    touch(m, relation.b);
    cross(m, relation.a, relation.b);
  }
  active.forEach((set, m) => (flows[m].activeFirms = set.size));
  return flows;
}
