import type { FirmAttributes } from './firms.projection';
import type { NetworkSources } from './network.index';
import { PARTITIONS, Partition, PreparedTerritory, Slice, activeAt, labelCounts } from './network-snapshot';

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
  const labels = labelCounts(n, (i) => (slice.attributes[i] ? p.firms[i].groups : undefined), active);
  for (const [g, s] of labels) groups.set(`group\u0000${g}`, s.firms >= 2 ? ratio(s.external, s.internal) : null);
  return { relations: active.length / 2, ei, groups };
}

export interface MonthFlows {
  /** Member firms with some activity in the month: a relation, a need published, a step or an outcome on a need. */
  activeFirms: number;
  needsPublished: number;
  needsMet: number;
  introductions: number;
  agreements: number;
  newRelations: number;
  /** New relations and agreements of the month between member firms of different sectors, towns, size bands. */
  crossSector: number;
  crossTown: number;
  crossSize: number;
}

/** What happened, dated, for the monthly flows: firms as indexes of the prepared territory (-1: not one of its firms). */
export type FlowEvent =
  | { kind: 'published'; at: string; publisher: number }
  | { kind: 'step'; at: string; publisher: number; partner: number; introduced: boolean }
  | { kind: 'agreement'; at: string; publisher: number; partner: number }
  | { kind: 'relation'; at: string; a: number; b: number };

/** The events of the flows by month (`YYYY-MM`), built once per prepared territory. */
export function flowEventsByMonth(p: PreparedTerritory, sources: NetworkSources): Map<string, FlowEvent[]> {
  const byMonth = new Map<string, FlowEvent[]>();
  const add = (e: FlowEvent) => {
    const key = e.at.slice(0, 7);
    const list = byMonth.get(key);
    if (list) list.push(e);
    else byMonth.set(key, [e]);
  };
  const firm = (companyId: string | undefined) => (companyId === undefined ? -1 : (p.index.get(companyId) ?? -1));
  for (const need of sources.needs.values()) {
    const publisher = firm(need.companyId);
    if (need.publishedAt && publisher >= 0) add({ kind: 'published', at: need.publishedAt, publisher });
    for (const step of need.steps) {
      const partner = firm(step.companyId);
      if (publisher >= 0 || partner >= 0) add({ kind: 'step', at: step.at, publisher, partner, introduced: step.step === 'introduced' });
    }
    if (need.outcome === 'agreement' && need.closedAt) {
      const partner = firm(need.partnerCompanyId);
      if (publisher >= 0 || partner >= 0) add({ kind: 'agreement', at: need.closedAt, publisher, partner });
    }
  }
  for (const r of p.relations) if (r.firstFrom) add({ kind: 'relation', at: r.firstFrom, a: r.a, b: r.b });
  return byMonth;
}

/**
 * The flows of one month: an event counts when it happened in the month up to its slice instant
 * and the firms it concerns are members at that month's end, as the coordinators read a month.
 */
export function monthFlow(events: readonly FlowEvent[], start: string, slice: Slice): MonthFlows {
  const flows: MonthFlows = { activeFirms: 0, needsPublished: 0, needsMet: 0, introductions: 0, agreements: 0, newRelations: 0, crossSector: 0, crossTown: 0, crossSize: 0 };
  const active = new Set<number>();
  const attrs = slice.attributes;
  const member = (i: number) => (i >= 0 && attrs[i] !== undefined ? i : -1);
  const touch = (i: number) => i >= 0 && active.add(i);
  const cross = (a: number, b: number) => {
    if (a < 0 || b < 0) return;
    const x = attrs[a]!;
    const y = attrs[b]!;
    if (x.sector !== y.sector) flows.crossSector++;
    if (x.town !== y.town) flows.crossTown++;
    if (x.sizeBand !== y.sizeBand) flows.crossSize++;
  };
  for (const e of events) {
    if (e.at < start || e.at > slice.at) continue;
    switch (e.kind) {
      case 'published': {
        const i = member(e.publisher);
        if (i < 0) break;
        flows.needsPublished++;
        touch(i);
        break;
      }
      case 'step': {
        const publisher = member(e.publisher);
        const partner = member(e.partner);
        if (publisher < 0 && partner < 0) break;
        touch(publisher);
        touch(partner);
        if (e.introduced) flows.introductions++;
        break;
      }
      case 'agreement': {
        const publisher = member(e.publisher);
        const partner = member(e.partner);
        if (publisher < 0 && partner < 0) break;
        flows.agreements++;
        if (publisher >= 0) flows.needsMet++;
        touch(publisher);
        touch(partner);
        cross(publisher, partner);
        break;
      }
      case 'relation': {
        if (attrs[e.a] === undefined || attrs[e.b] === undefined) break;
        flows.newRelations++;
        touch(e.a);
        touch(e.b);
        cross(e.a, e.b);
        break;
      }
    }
  }
  flows.activeFirms = active.size;
  return flows;
}
