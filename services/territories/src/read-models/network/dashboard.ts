import { GroupOpenness, brokers, closedClusters, communities, eiIndex, structuralHoles, suppressSmallCells } from '@opn/network-metrics';
import type { NetworkSources } from './network.index';
import { NetworkSnapshot, PARTITIONS, Partition, RosterMember, SnapshotFirm, membersAt, snapshotAt, within } from './network-snapshot';

/** The coordinator's alert rule: a group whose E-I index stayed below `eiThreshold` at each of the last `periodMonths` month ends. */
export interface AlertSettings {
  eiThreshold: number;
  periodMonths: number;
}

export interface DashboardQuery {
  /** The instant the figures are for (ISO). */
  asOf: string;
  /** First and last month of the series (`YYYY-MM`); the last is at most asOf's month. */
  fromMonth: string;
  toMonth: string;
  /** k: a figure built from personal ties is shown only for groups of at least k people. */
  k: number;
  /** The dimension brokers are found across. */
  brokersBy: Partition;
  alerts: AlertSettings;
}

export interface OpennessFigures {
  /** Whole network over the dimension's groups; null without edges (and for overlapping `group` labels). */
  ei: number | null;
  groups: Array<GroupOpenness & { firms: number }>;
}

export interface PeopleCell {
  group: string;
  suppressed: boolean;
  internal: number | null;
  external: number | null;
  ei: number | null;
  people: number | null;
}

export interface PeopleOpenness {
  suppressed: boolean;
  ei: number | null;
  ties: number | null;
  people: number | null;
  groups: PeopleCell[];
}

export interface MonthFigures {
  month: string;
  /** The instant the month's stock figures are taken at: its last instant, or asOf for the current month. */
  at: string;
  members: number;
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
  relations: number;
  ei: Record<Partition, number | null>;
}

export interface ClosedCircleAlert {
  dimension: Partition | 'group';
  group: string;
  /** E-I index at each month end of the period, oldest first. */
  series: Array<{ month: string; ei: number }>;
  /** First month of the run of months below the threshold that ends now (within the months computed). */
  since: string;
  threshold: number;
}

export interface Dashboard {
  asOf: string;
  members: number;
  firmsOnPlatform: number;
  relations: number;
  density: number | null;
  openness: Record<Partition | 'group', OpennessFigures>;
  peopleOpenness: Record<Partition | 'group', PeopleOpenness>;
  brokers: Array<{ companyId: string; name: string; group: string | null; brokeredPairs: number; neighbourGroups: number; degree: number; constraint: number | null; effectiveSize: number | null }>;
  closedClusters: Array<{ size: number; internal: number; external: number; density: number; ei: number | null; firms: Array<{ companyId: string; name: string }> }>;
  alerts: ClosedCircleAlert[];
  months: MonthFigures[];
}

const DAY = 24 * 3600 * 1000;

/** `YYYY-MM` of an instant (UTC). */
export const monthOf = (instant: string): string => instant.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
};

const monthStart = (month: string): string => `${month}-01T00:00:00.000Z`;
/** The last millisecond of a month. */
const monthEnd = (month: string): string => new Date(Date.parse(monthStart(addMonths(month, 1))) - 1).toISOString();

/** E-I per label for overlapping labels (a firm may carry several): internal = both ends carry it, external = exactly one. */
export function labelOpenness(snapshot: NetworkSnapshot): OpennessFigures {
  const { graph, firms } = snapshot;
  const counts = new Map<string, { internal: number; external: number; firms: number }>();
  const entry = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { internal: 0, external: 0, firms: 0 }));
    return c;
  };
  for (const f of firms) for (const label of f.groups) entry(label).firms++;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = firms[graph.edgeSources[e]].groups;
    const b = firms[graph.edgeTargets[e]].groups;
    for (const label of a) entry(label)[b.includes(label) ? 'internal' : 'external']++;
    for (const label of b) if (!a.includes(label)) entry(label).external++;
  }
  const groups = [...counts.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([group, c]) => ({ group, internal: c.internal, external: c.external, ei: c.internal + c.external === 0 ? null : (c.external - c.internal) / (c.external + c.internal), firms: c.firms }));
  return { ei: null, groups };
}

function partitionOpenness(snapshot: NetworkSnapshot, dimension: Partition): OpennessFigures {
  const groups = snapshot.partitions[dimension];
  const report = eiIndex(snapshot.graph, groups);
  const firms = new Map<string, number>();
  for (const g of groups.values()) firms.set(g, (firms.get(g) ?? 0) + 1);
  return { ei: report.ei, groups: report.groups.map((g) => ({ ...g, firms: firms.get(g.group) ?? 0 })) };
}

const groupsOf = (firm: SnapshotFirm, dimension: Partition | 'group'): readonly string[] =>
  dimension === 'group' ? firm.groups : [dimension === 'sector' ? firm.attributes.sector : dimension === 'town' ? firm.attributes.town : firm.attributes.sizeBand];

/**
 * E-I of the personal ties between people of different member firms, by group of their firms,
 * k-anonymous: a group's figures are shown only when at least k people have a counted tie in it,
 * with secondary suppression (`suppressSmallCells`) so the totals never give a small group away.
 * Ties between colleagues of one firm are not counted (they are not ties between firms).
 */
export function peopleOpenness(sources: NetworkSources, firms: ReadonlyMap<string, SnapshotFirm>, at: string, k: number, dimension: Partition | 'group'): PeopleOpenness {
  const firmsOf = new Map<string, SnapshotFirm[]>();
  const personFirms = (personId: string): SnapshotFirm[] => {
    let list = firmsOf.get(personId);
    if (list) return list;
    list = [];
    for (const p of sources.employment.get(personId)?.periods ?? []) {
      const firm = firms.get(p.companyId);
      if (firm && p.from <= at && (p.to === null || at < p.to) && !list.includes(firm)) list.push(firm);
    }
    firmsOf.set(personId, list);
    return list;
  };
  const cells = new Map<string, { internal: number; external: number; people: Set<string> }>();
  const cell = (g: string) => {
    let c = cells.get(g);
    if (!c) cells.set(g, (c = { internal: 0, external: 0, people: new Set() }));
    return c;
  };
  const everyone = new Set<string>();
  let internal = 0;
  let external = 0;
  for (const tie of sources.ties.values()) {
    if (tie.since > at) continue;
    const [a, b] = tie.people;
    const fa = personFirms(a);
    const fb = personFirms(b);
    if (fa.length === 0 || fb.length === 0 || fa.some((f) => fb.includes(f))) continue;
    const ga = new Set(fa.flatMap((f) => groupsOf(f, dimension)));
    const gb = new Set(fb.flatMap((f) => groupsOf(f, dimension)));
    everyone.add(a);
    everyone.add(b);
    let shared = false;
    for (const g of ga) {
      const c = cell(g);
      c.people.add(a);
      if (gb.has(g)) {
        c.internal++;
        c.people.add(b);
        shared = true;
      } else c.external++;
    }
    for (const g of gb) {
      if (ga.has(g)) continue;
      const c = cell(g);
      c.external++;
      c.people.add(b);
    }
    if (shared) internal++;
    else external++;
  }
  const keys = [...cells.keys()].sort();
  const shown = suppressSmallCells(
    keys.map((key) => ({ key, ties: cells.get(key)!.internal + cells.get(key)!.external, people: cells.get(key)!.people.size })),
    k,
    everyone.size,
  );
  const hidden = new Set(shown.cells.filter((c) => c.suppressed).map((c) => c.key));
  const ei = (ext: number, int: number) => (ext + int === 0 ? null : (ext - int) / (ext + int));
  return {
    suppressed: shown.total.suppressed,
    ei: shown.total.suppressed || dimension === 'group' ? null : ei(external, internal),
    ties: shown.total.suppressed ? null : internal + external,
    people: shown.total.suppressed ? null : everyone.size,
    groups: keys.map((group) => {
      const c = cells.get(group)!;
      return hidden.has(group)
        ? { group, suppressed: true, internal: null, external: null, ei: null, people: null }
        : { group, suppressed: false, internal: c.internal, external: c.external, ei: ei(c.external, c.internal), people: c.people.size };
    }),
  };
}

/** Activity of member firms in [start, end]: the flow figures of one month. */
function monthActivity(sources: NetworkSources, firms: ReadonlyMap<string, SnapshotFirm>, start: string, end: string) {
  const active = new Set<string>();
  const touch = (companyId: string) => firms.has(companyId) && active.add(companyId);
  const inMonth = (at: string | undefined) => at !== undefined && at >= start && at <= end;
  let needsPublished = 0;
  let needsMet = 0;
  let introductions = 0;
  let agreements = 0;
  let newRelations = 0;
  const cross = { sector: 0, town: 0, size: 0 };
  const countCross = (a: string, b: string) => {
    const x = firms.get(a);
    const y = firms.get(b);
    if (!x || !y) return;
    if (x.attributes.sector !== y.attributes.sector) cross.sector++;
    if (x.attributes.town !== y.attributes.town) cross.town++;
    if (x.attributes.sizeBand !== y.attributes.sizeBand) cross.size++;
  };
  for (const need of sources.needs.values()) {
    const ours = firms.has(need.companyId);
    if (ours && inMonth(need.publishedAt)) {
      needsPublished++;
      touch(need.companyId);
    }
    for (const step of need.steps) {
      if (!inMonth(step.at) || (!ours && !firms.has(step.companyId))) continue;
      touch(need.companyId);
      touch(step.companyId);
      if (step.step === 'introduced') introductions++;
    }
    if (need.outcome === 'agreement' && inMonth(need.closedAt) && (ours || (need.partnerCompanyId !== undefined && firms.has(need.partnerCompanyId)))) {
      agreements++;
      if (ours) needsMet++;
      touch(need.companyId);
      if (need.partnerCompanyId) {
        touch(need.partnerCompanyId);
        countCross(need.companyId, need.partnerCompanyId);
      }
    }
  }
  for (const relation of sources.relations.values()) {
    const [a, b] = relation.companies;
    if (!firms.has(a) || !firms.has(b)) continue;
    if (!relation.periods.some((p, i) => i === 0 && inMonth(p.from))) continue;
    newRelations++;
    touch(a);
    touch(b);
    countCross(a, b);
  }
  return { activeFirms: active.size, needsPublished, needsMet, introductions, agreements, newRelations, crossSector: cross.sector, crossTown: cross.town, crossSize: cross.size };
}

function monthFigures(sources: NetworkSources, roster: readonly RosterMember[], month: string, asOf: string): { figures: MonthFigures; snapshot: NetworkSnapshot } {
  const end = monthEnd(month) < asOf ? monthEnd(month) : asOf;
  const snapshot = snapshotAt(sources, roster, end);
  const firms = new Map(snapshot.firms.map((f) => [f.companyId, f]));
  const ei = Object.fromEntries(PARTITIONS.map((d) => [d, eiIndex(snapshot.graph, snapshot.partitions[d]).ei])) as Record<Partition, number | null>;
  return {
    snapshot,
    figures: { month, at: end, members: snapshot.members, ...monthActivity(sources, firms, monthStart(month), end), relations: snapshot.graph.edgeCount, ei },
  };
}

/** Month-end E-I per group and dimension, for the alerts. */
function groupSeries(snapshot: NetworkSnapshot): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const d of PARTITIONS) for (const g of partitionOpenness(snapshot, d).groups) out.set(`${d}\u0000${g.group}`, g.firms >= 2 ? g.ei : null);
  for (const g of labelOpenness(snapshot).groups) out.set(`group\u0000${g.group}`, g.firms >= 2 ? g.ei : null);
  return out;
}

/**
 * Closed-circle alerts: each group (of at least two member firms) whose E-I index was below the
 * threshold at every one of the last `periodMonths` month ends up to asOf.
 */
function closedCircleAlerts(series: Array<{ month: string; values: Map<string, number | null> }>, settings: AlertSettings): ClosedCircleAlert[] {
  const period = series.slice(-settings.periodMonths);
  if (period.length < settings.periodMonths) return [];
  const alerts: ClosedCircleAlert[] = [];
  const last = period[period.length - 1].values;
  for (const key of [...last.keys()].sort()) {
    const values = period.map((m) => m.values.get(key));
    if (!values.every((v) => typeof v === 'number' && v < settings.eiThreshold)) continue;
    let first = series.length - settings.periodMonths;
    while (first > 0) {
      const v = series[first - 1].values.get(key);
      if (typeof v !== 'number' || v >= settings.eiThreshold) break;
      first--;
    }
    const [dimension, group] = key.split('\u0000') as [Partition | 'group', string];
    alerts.push({ dimension, group, series: period.map((m) => ({ month: m.month, ei: m.values.get(key) as number })), since: series[first].month, threshold: settings.eiThreshold });
  }
  return alerts;
}

/** Everything the coordinator's dashboard shows, for the network as it was at `query.asOf`. */
export function dashboard(sources: NetworkSources, roster: readonly RosterMember[], query: DashboardQuery): Dashboard {
  const { asOf } = query;
  const current = snapshotAt(sources, roster, asOf);
  const firms = new Map(current.firms.map((f) => [f.companyId, f]));
  const holes = structuralHoles(current.graph);
  const found = communities(current.graph);
  const n = current.firms.length;
  const openness = {
    ...(Object.fromEntries(PARTITIONS.map((d) => [d, partitionOpenness(current, d)])) as Record<Partition, OpennessFigures>),
    group: labelOpenness(current),
  };
  const peopleFigures = Object.fromEntries((['sector', 'town', 'size', 'group'] as const).map((d) => [d, peopleOpenness(sources, firms, asOf, query.k, d)])) as Record<Partition | 'group', PeopleOpenness>;

  // The series runs over the requested months; the alerts need the last periodMonths month ends too.
  const lastMonth = query.toMonth < monthOf(asOf) ? query.toMonth : monthOf(asOf);
  const seriesMonths = monthsBetween(query.fromMonth, lastMonth);
  const alertFrom = addMonths(monthOf(asOf), -(query.alerts.periodMonths + 11));
  const alertMonths = monthsBetween(alertFrom, monthOf(asOf));
  const computed = new Map<string, { figures: MonthFigures; snapshot: NetworkSnapshot }>();
  const month = (m: string) => {
    let c = computed.get(m);
    if (!c) computed.set(m, (c = monthFigures(sources, roster, m, asOf)));
    return c;
  };
  const alerts = closedCircleAlerts(
    alertMonths.map((m) => ({ month: m, values: groupSeries(month(m).snapshot) })),
    query.alerts,
  );
  return {
    asOf,
    members: current.members,
    firmsOnPlatform: n,
    relations: current.graph.edgeCount,
    density: n < 2 ? null : current.graph.edgeCount / ((n * (n - 1)) / 2),
    openness,
    peopleOpenness: peopleFigures,
    brokers: brokers(current.graph, current.partitions[query.brokersBy], { limit: 10 }).map((b) => {
      const i = current.graph.index.get(b.id)!;
      return { companyId: b.id, name: firms.get(b.id)!.name, group: b.group, brokeredPairs: b.brokeredPairs, neighbourGroups: b.neighbourGroups, degree: b.degree, constraint: holes.constraint[i], effectiveSize: holes.effectiveSize[i] };
    }),
    closedClusters: closedClusters(current.graph, { minSize: 3, limit: 5, communities: found }).map((c) => ({
      size: c.size,
      internal: c.internal,
      external: c.external,
      density: c.density,
      ei: c.ei,
      firms: c.members.map((id) => ({ companyId: id, name: firms.get(id)!.name })),
    })),
    alerts,
    months: seriesMonths.map((m) => month(m).figures),
  };
}

/** Per-firm metrics of the network at `at` (constraint, effective size, degree, community), sorted by company id. */
export function firmMetrics(sources: NetworkSources, roster: readonly RosterMember[], at: string) {
  const snapshot = snapshotAt(sources, roster, at);
  const holes = structuralHoles(snapshot.graph);
  const found = communities(snapshot.graph);
  return {
    snapshot,
    firms: snapshot.firms.map((f, i) => ({
      companyId: f.companyId,
      siren: f.siren,
      name: f.name,
      sector: f.attributes.sector,
      town: f.attributes.city,
      sizeBand: f.attributes.sizeBand,
      groups: [...f.groups],
      degree: snapshot.graph.offsets[i + 1] - snapshot.graph.offsets[i],
      constraint: holes.constraint[i],
      effectiveSize: holes.effectiveSize[i],
      community: found.community[i],
    })),
  };
}

export { DAY, membersAt, within };
