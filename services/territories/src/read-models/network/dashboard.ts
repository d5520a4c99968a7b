import { GroupOpenness, brokers, closedClusters, communities, eiIndex, structuralHoles, suppressSmallCells } from '@opn/network-metrics';
import type { NetworkSources } from './network.index';
import { FlowEvent, MonthEnd, MonthFlows, flowEventsByMonth, monthEnd, monthFlow } from './monthly';
import type { Slice } from './network-snapshot';
import { NetworkSnapshot, PARTITIONS, Partition, PreparedTerritory, RosterMember, SnapshotFirm, labelCounts, prepareTerritory, sliceAt, snapshotOf } from './network-snapshot';

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

/** One month of the series: stock figures at the month's end (or asOf), and the month's flows (monthly.ts). */
export type MonthFigures = {
  month: string;
  /** The instant the month's stock figures are taken at: its last instant, or asOf for the current month. */
  at: string;
  members: number;
} & MonthFlows & {
    /** Pairs of member firms with an active relation. */
    relations: number;
    ei: Record<Partition, number | null>;
  };

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
const monthEndInstant = (month: string): string => new Date(Date.parse(monthStart(addMonths(month, 1))) - 1).toISOString();

/** E-I per label for overlapping labels (a firm may carry several): internal = both ends carry it, external = exactly one. */
export function labelOpenness(snapshot: NetworkSnapshot): OpennessFigures {
  const { graph, firms } = snapshot;
  const edges = new Int32Array(2 * graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    edges[2 * e] = graph.edgeSources[e];
    edges[2 * e + 1] = graph.edgeTargets[e];
  }
  const counts = labelCounts(firms.length, (i) => firms[i].groups, edges);
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
 * The visible personal ties with their people as integers and each person's membership periods in
 * companies: what does not depend on the date asked, built once per version of the network.
 */
export interface PreparedPeople {
  a: Int32Array;
  b: Int32Array;
  since: string[];
  employment: Array<ReadonlyArray<{ companyId: string; from: string; to: string | null }>>;
}

export function preparePeople(sources: NetworkSources): PreparedPeople {
  const ids = new Map<string, number>();
  const employment: PreparedPeople['employment'] = [];
  const idOf = (personId: string) => {
    let p = ids.get(personId);
    if (p === undefined) {
      p = employment.length;
      ids.set(personId, p);
      employment.push(sources.employment.get(personId)?.periods ?? []);
    }
    return p;
  };
  const a = new Int32Array(sources.ties.size);
  const b = new Int32Array(sources.ties.size);
  const since: string[] = [];
  let t = 0;
  for (const tie of sources.ties.values()) {
    a[t] = idOf(tie.people[0]);
    b[t] = idOf(tie.people[1]);
    since.push(tie.since);
    t++;
  }
  return { a, b, since, employment };
}

const PEOPLE_DIMENSIONS = ['sector', 'town', 'size', 'group'] as const;

/**
 * E-I of the personal ties between people of different member firms, by group of their firms, in
 * every dimension at once, k-anonymous: a group's figures are shown only when at least k people
 * have a counted tie in it, with secondary suppression (`suppressSmallCells`) so the totals never
 * give a small group away. Ties between colleagues of one firm are not counted (they are not ties
 * between firms). A person counts in a group when they have a counted tie and one of their member
 * firms is in it. One pass over the ties with people, firms and groups as integers.
 */
export function peopleOpennessAll(sources: NetworkSources, firms: ReadonlyMap<string, SnapshotFirm>, at: string, k: number, prepared?: PreparedPeople): Record<Partition | 'group', PeopleOpenness> {
  const people = prepared ?? preparePeople(sources);
  const D = PEOPLE_DIMENSIONS.length;
  // Groups of each dimension as integers, and each member firm's groups as integer lists.
  const groupIds = PEOPLE_DIMENSIONS.map(() => new Map<string, number>());
  const groupNames: string[][] = PEOPLE_DIMENSIONS.map(() => []);
  const firmIndex = new Map<SnapshotFirm, number>();
  const firmGroups: number[][][] = [];
  const idOf = (d: number, name: string) => {
    let g = groupIds[d].get(name);
    if (g === undefined) {
      g = groupNames[d].length;
      groupIds[d].set(name, g);
      groupNames[d].push(name);
    }
    return g;
  };
  for (const firm of firms.values()) {
    firmIndex.set(firm, firmGroups.length);
    firmGroups.push(PEOPLE_DIMENSIONS.map((dimension, d) => groupsOf(firm, dimension).map((name) => idOf(d, name))));
  }
  // Each person's member firms at `at`: one firm (the usual case) in `single`, several in `multi`, none: -1.
  const P = people.employment.length;
  const single = new Int32Array(P).fill(-1);
  const multi = new Map<number, number[]>();
  for (let p = 0; p < P; p++) {
    let list: number[] | undefined;
    let first = -1;
    for (const period of people.employment[p]) {
      if (period.from > at || (period.to !== null && at >= period.to)) continue;
      const firm = firms.get(period.companyId);
      if (!firm) continue;
      const f = firmIndex.get(firm)!;
      if (first < 0) first = f;
      else if (f !== first && !list?.includes(f)) (list ??= [first]).push(f);
    }
    if (list) {
      single[p] = -2;
      multi.set(p, list);
    } else single[p] = first;
  }
  const firmsOf = (p: number): number[] => (single[p] >= 0 ? [single[p]] : (multi.get(p) ?? []));
  /** The distinct groups of a person's firms in dimension d. */
  const groupsOfPerson = (p: number, d: number): readonly number[] => {
    if (single[p] >= 0) return firmGroups[single[p]][d];
    const out: number[] = [];
    for (const f of multi.get(p) ?? []) for (const g of firmGroups[f][d]) if (!out.includes(g)) out.push(g);
    return out;
  };
  // Partitions have exactly one group per firm: typed arrays for the usual tie between two single-firm people.
  const PART = PARTITIONS.length;
  const partitionGroup = PARTITIONS.map((_, d) => Int32Array.from(firmGroups, (groups) => groups[d][0]));
  const internal = groupNames.map((names) => new Int32Array(names.length));
  const external = groupNames.map((names) => new Int32Array(names.length));
  const totalInternal = new Int32Array(D);
  const totalExternal = new Int32Array(D);
  const counted = new Uint8Array(P);
  const count = (d: number, ga: readonly number[], gb: readonly number[]) => {
    let shared = false;
    for (const g of ga) {
      if (gb.includes(g)) {
        internal[d][g]++;
        shared = true;
      } else external[d][g]++;
    }
    for (const g of gb) if (!ga.includes(g)) external[d][g]++;
    if (shared) totalInternal[d]++;
    else totalExternal[d]++;
  };
  const since = people.since;
  for (let t = 0; t < since.length; t++) {
    if (since[t] > at) continue;
    const a = people.a[t];
    const b = people.b[t];
    const sa = single[a];
    const sb = single[b];
    if (sa === -1 || sb === -1) continue;
    if (sa >= 0 && sb >= 0) {
      if (sa === sb) continue; // colleagues
      counted[a] = 1;
      counted[b] = 1;
      for (let d = 0; d < PART; d++) {
        const ga = partitionGroup[d][sa];
        const gb = partitionGroup[d][sb];
        if (ga === gb) {
          internal[d][ga]++;
          totalInternal[d]++;
        } else {
          external[d][ga]++;
          external[d][gb]++;
          totalExternal[d]++;
        }
      }
      count(PART, firmGroups[sa][PART], firmGroups[sb][PART]);
      continue;
    }
    const fa = firmsOf(a);
    const fb = firmsOf(b);
    if (fa.some((f) => fb.includes(f))) continue; // colleagues in one of their firms
    counted[a] = 1;
    counted[b] = 1;
    for (let d = 0; d < D; d++) count(d, groupsOfPerson(a, d), groupsOfPerson(b, d));
  }
  const peopleIn = groupNames.map((names) => new Int32Array(names.length));
  let everyone = 0;
  for (let p = 0; p < P; p++) {
    if (!counted[p]) continue;
    everyone++;
    for (let d = 0; d < D; d++) for (const g of groupsOfPerson(p, d)) peopleIn[d][g]++;
  }
  const ei = (ext: number, int: number) => (ext + int === 0 ? null : (ext - int) / (ext + int));
  const out = {} as Record<Partition | 'group', PeopleOpenness>;
  PEOPLE_DIMENSIONS.forEach((dimension, d) => {
    // Cells of groups with a counted tie, by name.
    const cells = groupNames[d]
      .map((group, g) => ({ group, internal: internal[d][g], external: external[d][g], people: peopleIn[d][g] }))
      .filter((c) => c.internal + c.external > 0)
      .sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
    const shown = suppressSmallCells(
      cells.map((c) => ({ key: c.group, ties: c.internal + c.external, people: c.people })),
      k,
      everyone,
    );
    const hidden = new Set(shown.cells.filter((c) => c.suppressed).map((c) => c.key));
    const inside = totalInternal[d];
    const across = totalExternal[d];
    out[dimension] = {
      suppressed: shown.total.suppressed,
      ei: shown.total.suppressed || dimension === 'group' ? null : ei(across, inside),
      ties: shown.total.suppressed ? null : inside + across,
      people: shown.total.suppressed ? null : everyone,
      groups: cells.map((c) =>
        hidden.has(c.group)
          ? { group: c.group, suppressed: true, internal: null, external: null, ei: null, people: null }
          : { group: c.group, suppressed: false, internal: c.internal, external: c.external, ei: ei(c.external, c.internal), people: c.people },
      ),
    };
  });
  return out;
}

/** `peopleOpennessAll` for one dimension. */
export const peopleOpenness = (sources: NetworkSources, firms: ReadonlyMap<string, SnapshotFirm>, at: string, k: number, dimension: Partition | 'group'): PeopleOpenness =>
  peopleOpennessAll(sources, firms, at, k)[dimension];

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
/**
 * What the dashboard may keep between requests while neither the network nor the roster changes
 * (the caller keys it on `NetworkSources.version` and the roster's version): the prepared
 * territory and people, and the figures of each month end already computed.
 */
export interface DashboardMemo {
  prepared?: PreparedTerritory;
  people?: PreparedPeople;
  flowEvents?: Map<string, FlowEvent[]>;
  /** By slice instant (a past month's end is the same instant whatever the asOf). */
  slices: Map<string, Slice>;
  monthEnds: Map<string, MonthEnd>;
  flows: Map<string, MonthFlows>;
}

export const newDashboardMemo = (): DashboardMemo => ({ slices: new Map(), monthEnds: new Map(), flows: new Map() });

export function dashboard(sources: NetworkSources, roster: readonly RosterMember[], query: DashboardQuery, memo: DashboardMemo = newDashboardMemo()): Dashboard {
  const { asOf } = query;
  const prepared = (memo.prepared ??= prepareTerritory(sources, roster));
  const current = snapshotOf(prepared, sliceAt(prepared, asOf));
  const firms = new Map(current.firms.map((f) => [f.companyId, f]));
  const holes = structuralHoles(current.graph);
  const found = communities(current.graph);
  const n = current.firms.length;
  const openness = {
    ...(Object.fromEntries(PARTITIONS.map((d) => [d, partitionOpenness(current, d)])) as Record<Partition, OpennessFigures>),
    group: labelOpenness(current),
  };
  const peopleFigures = peopleOpennessAll(sources, firms, asOf, query.k, (memo.people ??= preparePeople(sources)));

  // The series runs over the requested months; the alerts need the last periodMonths month ends too.
  const lastMonth = query.toMonth < monthOf(asOf) ? query.toMonth : monthOf(asOf);
  const seriesMonths = monthsBetween(query.fromMonth, lastMonth);
  const alertMonths = monthsBetween(addMonths(monthOf(asOf), -(query.alerts.periodMonths + 11)), monthOf(asOf));
  const allMonths = [...new Set([...seriesMonths, ...alertMonths])].sort();
  // Bounded: asOf's own month end is new at every request.
  if (memo.monthEnds.size > 1000) {
    memo.slices.clear();
    memo.monthEnds.clear();
    memo.flows.clear();
  }
  const remember = <T>(map: Map<string, T>, key: string, make: () => T): T => {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = make()));
    return value;
  };
  const flowEvents = (memo.flowEvents ??= flowEventsByMonth(prepared, sources));
  const slices = allMonths.map((m) => {
    const end = monthEndInstant(m) < asOf ? monthEndInstant(m) : asOf;
    return { month: m, start: monthStart(m), slice: remember(memo.slices, end, () => sliceAt(prepared, end)) };
  });
  const ends = new Map(slices.map((s) => [s.month, remember(memo.monthEnds, s.slice.at, () => monthEnd(prepared, s.slice))]));
  const flows = new Map(slices.map((s) => [s.month, remember(memo.flows, s.slice.at, () => monthFlow(flowEvents.get(s.month) ?? [], s.start, s.slice))]));
  const figures = (m: string): MonthFigures => {
    const s = slices.find((x) => x.month === m)!;
    const e = ends.get(m)!;
    return { month: m, at: s.slice.at, members: s.slice.members, ...flows.get(m)!, relations: e.relations, ei: e.ei };
  };
  const alerts = closedCircleAlerts(
    alertMonths.map((m) => ({ month: m, values: ends.get(m)!.groups })),
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
    months: seriesMonths.map(figures),
  };
}

/** Per-firm metrics of the network at `at` (constraint, effective size, degree, community), sorted by company id. */
export function firmMetrics(sources: NetworkSources, roster: readonly RosterMember[], at: string, memo: DashboardMemo = newDashboardMemo()) {
  const prepared = (memo.prepared ??= prepareTerritory(sources, roster));
  const snapshot = snapshotOf(prepared, sliceAt(prepared, at), { kinds: true });
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

