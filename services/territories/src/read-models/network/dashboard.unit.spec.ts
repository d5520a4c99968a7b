import type { CompanyRelationDocument } from './company-relations.projection';
import { dashboard, monthsBetween, newDashboardMemo, peopleOpenness } from './dashboard';
import type { EmploymentDocument } from './employment.projection';
import type { FirmDocument } from './firms.projection';
import type { NetworkSources } from './network.index';
import { RosterMember, snapshotAt } from './network-snapshot';
import type { NeedDocument } from './needs.projection';
import type { TieDocument } from './ties.projection';

const firm = (siren: string, name: string, nafCode: string, sizeBand: string, city: string, postalCode: string, from = '2026-01-01T00:00:00.000Z'): FirmDocument => ({
  siren,
  legalName: name,
  registeredAt: from,
  history: [{ from, nafCode, sector: nafCode.slice(0, 2), sizeBand, town: `${postalCode.slice(0, 2)}:${city.toUpperCase()}`, city, postalCode, country: 'FR', departement: postalCode.slice(0, 2) }],
});

const relation = (a: string, b: string, periods: Array<[string, string | null]>, kind: CompanyRelationDocument['kind'] = 'partner'): CompanyRelationDocument => ({
  companies: a < b ? [a, b] : [b, a],
  kind,
  periods: periods.map(([from, to]) => ({ from, to })),
  strengthenedAt: [],
});

/**
 * Four member firms of two sectors (25: A, B; 62: C, D) in Lyon and Villeurbanne, and E outside
 * the territory. Relations: A-B from Feb 1st, A-C from Feb 10th to Mar 20th (suspended), B-C from
 * Mar 1st, C-D from Mar 5th, A-E (E is no member). D leaves on Apr 15th.
 */
function sources(over: Partial<NetworkSources> = {}): NetworkSources {
  const firms = new Map<string, FirmDocument>([
    ['a', firm('111111111', 'Alpha', '25.62A', '10-49', 'Lyon', '69003')],
    ['b', firm('222222222', 'Beta', '25.11Z', '10-49', 'Lyon', '69007')],
    ['c', firm('333333333', 'Gamma', '62.01Z', '50-249', 'Lyon', '69002')],
    ['d', firm('444444444', 'Delta', '62.02A', '0-9', 'Villeurbanne', '69100')],
    ['e', firm('555555555', 'Epsilon', '62.02A', '0-9', 'Paris', '75001')],
  ]);
  return {
    firms,
    firmBySiren: new Map([...firms].map(([id, f]) => [f.siren, id])),
    relations: new Map([
      ['r1', relation('a', 'b', [['2026-02-01T10:00:00.000Z', null]])],
      ['r2', relation('a', 'c', [['2026-02-10T10:00:00.000Z', '2026-03-20T10:00:00.000Z']])],
      ['r3', relation('b', 'c', [['2026-03-01T10:00:00.000Z', null]])],
      ['r4', relation('c', 'd', [['2026-03-05T10:00:00.000Z', null]])],
      ['r5', relation('a', 'e', [['2026-02-01T10:00:00.000Z', null]])],
    ]),
    ties: new Map<string, TieDocument>(),
    employment: new Map<string, EmploymentDocument>(),
    needs: new Map<string, NeedDocument>([
      [
        'n1',
        {
          companyId: 'a',
          publishedAt: '2026-03-02T09:00:00.000Z',
          steps: [{ step: 'introduced', companyId: 'c', at: '2026-03-03T09:00:00.000Z', via: 'coordinator' }],
          closedAt: '2026-03-10T09:00:00.000Z',
          outcome: 'agreement',
          partnerCompanyId: 'c',
        },
      ],
    ]),
    version: 1,
    ...over,
  };
}

const member = (siren: string, periods: Array<[string, string | null]>, groups: string[] = []): RosterMember => ({ siren, groups, periods: periods.map(([from, to]) => ({ from, to })) });
const JAN10 = '2026-01-10T00:00:00.000Z';
const roster: RosterMember[] = [
  member('111111111', [[JAN10, null]], ['industrie']),
  member('222222222', [[JAN10, null]], ['industrie']),
  member('333333333', [[JAN10, null]], ['numérique']),
  member('444444444', [[JAN10, '2026-04-15T00:00:00.000Z']], ['industrie', 'numérique']),
  member('999999999', [[JAN10, null]]), // a member not on the platform
];

const query = (asOf: string, over: object = {}) => ({ asOf, fromMonth: '2026-01', toMonth: asOf.slice(0, 7), k: 2, brokersBy: 'sector' as const, alerts: { eiThreshold: -0.5, periodMonths: 2 }, ...over });

describe('the network of a territory at an instant', () => {
  it('has the member firms on the platform as nodes and the relations active then between them as edges', () => {
    const s = snapshotAt(sources(), roster, '2026-03-31T23:59:59.999Z');
    expect(s.members).toBe(5);
    expect(s.firms.map((f) => f.companyId)).toEqual(['a', 'b', 'c', 'd']);
    const edges = Array.from({ length: s.graph.edgeCount }, (_, e) => [s.graph.ids[s.graph.edgeSources[e]], s.graph.ids[s.graph.edgeTargets[e]]].join('-'));
    expect(edges).toEqual(['a-b', 'b-c', 'c-d']);
  });

  it('leaves out a firm after it left, and a relation while it is suspended', () => {
    const s = snapshotAt(sources(), roster, '2026-04-30T00:00:00.000Z');
    expect(s.firms.map((f) => f.companyId)).toEqual(['a', 'b', 'c']);
    expect(s.graph.edgeCount).toBe(2);
  });
});

describe('the dashboard', () => {
  it('gives the E-I index by sector: internal a-b and c-d, external b-c', () => {
    const d = dashboard(sources(), roster, query('2026-03-31T23:59:59.999Z'));
    expect(d.openness.sector.ei).toBeCloseTo(-1 / 3, 12);
    expect(d.openness.sector.groups).toEqual([
      { group: '25', internal: 1, external: 1, ei: 0, firms: 2 },
      { group: '62', internal: 1, external: 1, ei: 0, firms: 2 },
    ]);
    // Overlapping labels: D carries both, so c-d is internal to "numérique" and external to "industrie" (C has only "numérique").
    expect(d.openness.group.groups).toEqual([
      { group: 'industrie', internal: 1, external: 2, ei: 1 / 3, firms: 3 },
      { group: 'numérique', internal: 1, external: 1, ei: 0, firms: 2 },
    ]);
    expect(d.members).toBe(5);
    expect(d.firmsOnPlatform).toBe(4);
    expect(d.relations).toBe(3);
    expect(d.density).toBeCloseTo(3 / 6, 12);
  });

  it('counts each month: new relations, needs, introductions, agreements and collaborations across sectors, towns and sizes', () => {
    const d = dashboard(sources(), roster, query('2026-03-31T23:59:59.999Z'));
    expect(d.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const [jan, feb, mar] = d.months;
    expect(jan).toMatchObject({ members: 5, activeFirms: 0, newRelations: 0, relations: 0, ei: { sector: null, town: null, size: null } });
    // February: a-b and a-c (a-c crosses sectors and sizes, not towns).
    expect(feb).toMatchObject({ activeFirms: 3, newRelations: 2, crossSector: 1, crossTown: 0, crossSize: 1, relations: 2, needsPublished: 0 });
    expect(feb.ei.sector).toBe(0);
    // March: b-c and c-d, plus the agreement a-c on n1.
    expect(mar).toMatchObject({ activeFirms: 4, newRelations: 2, needsPublished: 1, needsMet: 1, introductions: 1, agreements: 1, crossSector: 2, crossTown: 1, crossSize: 3, relations: 3 });
  });

  it('answers for a past date exactly as it did on that date, whatever happened since', () => {
    const then = sources({
      relations: new Map([...sources().relations].map(([id, r]) => [id, { ...r, periods: r.periods.filter((p) => p.from <= '2026-03-31T23:59:59.999Z').map((p) => (p.to && p.to > '2026-03-31T23:59:59.999Z' ? { ...p, to: null } : p)) }])),
    });
    const later = sources({
      relations: new Map([
        ...sources().relations,
        ['r6', relation('b', 'd', [['2026-05-01T00:00:00.000Z', null]])],
        ['r3', relation('b', 'c', [['2026-03-01T10:00:00.000Z', '2026-06-01T00:00:00.000Z']])],
      ]),
    });
    const asOf = '2026-03-31T23:59:59.999Z';
    // `roster` already holds D's later exit; the figures for March must not see it.
    const rosterThen = roster.map((m) => ({ ...m, periods: m.periods.map((p) => (p.to && p.to > asOf ? { ...p, to: null } : p)) }));
    expect(dashboard(later, roster, query(asOf))).toEqual(dashboard(then, rosterThen, query(asOf)));
  });

  it('gives the same figures with a memo kept across requests as computed afresh', () => {
    const memo = newDashboardMemo();
    for (const asOf of ['2026-03-31T23:59:59.999Z', '2026-02-15T12:00:00.000Z', '2026-04-30T00:00:00.000Z', '2026-03-31T23:59:59.999Z']) {
      expect(dashboard(sources(), roster, query(asOf), memo)).toEqual(dashboard(sources(), roster, query(asOf)));
    }
    expect(memo.monthEnds.size).toBeGreaterThan(0);
  });

  it('raises a closed-circle alert for a group below the threshold at every month end of the period', () => {
    // Only relations inside sector 25 and inside sector 62 from March on: both sectors close up.
    const closed = sources({
      relations: new Map([
        ['r1', relation('a', 'b', [['2026-02-01T10:00:00.000Z', null]])],
        ['r4', relation('c', 'd', [['2026-02-05T10:00:00.000Z', null]])],
      ]),
      needs: new Map(),
    });
    const d = dashboard(closed, roster, query('2026-03-31T23:59:59.999Z'));
    const sectors = d.alerts.filter((a) => a.dimension === 'sector');
    expect(sectors.map((a) => a.group)).toEqual(['25', '62']);
    expect(sectors[0]).toEqual({ dimension: 'sector', group: '25', series: [{ month: '2026-02', ei: -1 }, { month: '2026-03', ei: -1 }], since: '2026-02', threshold: -0.5 });
    // With a threshold of -1 nothing is strictly below it.
    expect(dashboard(closed, roster, query('2026-03-31T23:59:59.999Z', { alerts: { eiThreshold: -1, periodMonths: 2 } })).alerts).toEqual([]);
  });

  it('finds the brokers between sectors, with their constraint', () => {
    const d = dashboard(sources(), roster, query('2026-03-31T23:59:59.999Z'));
    // b ties a (25) and c (62), who are not tied; c ties b (25) and d (62), who are not tied.
    expect(d.brokers.map((b) => [b.companyId, b.brokeredPairs])).toEqual([
      ['b', 1],
      ['c', 1],
    ]);
    expect(d.brokers[0].constraint).not.toBeNull();
  });
});

describe('figures from personal ties', () => {
  const people = (list: Array<[string, string]>) => new Map(list.map(([person, company]) => [person, { periods: [{ companyId: company, from: JAN10, to: null }] }]));
  const tie = (a: string, b: string, since = '2026-02-01T00:00:00.000Z'): TieDocument => ({ people: a < b ? [a, b] : [b, a], kinds: ['classmates'], strength: 3, visibility: 'territory', since });
  const at = '2026-03-31T23:59:59.999Z';
  const firmsAt = (s: NetworkSources) => new Map(snapshotAt(s, roster, at).firms.map((f) => [f.companyId, f]));

  it('counts ties between people of different member firms by group of their firms, and leaves colleagues out', () => {
    const s = sources({
      employment: people([
        ['p1', 'a'],
        ['p2', 'a'],
        ['p3', 'b'],
        ['p4', 'c'],
        ['p5', 'd'],
        ['p6', 'e'],
      ]),
      ties: new Map([
        ['t1', tie('p1', 'p3')], // 25-25: internal
        ['t2', tie('p2', 'p4')], // 25-62: external
        ['t3', tie('p4', 'p5')], // 62-62: internal
        ['t4', tie('p1', 'p2')], // colleagues: not counted
        ['t5', tie('p3', 'p6')], // E is no member: not counted
        ['t6', tie('p3', 'p5', '2026-04-02T00:00:00.000Z')], // after the date
      ]),
    });
    const o = peopleOpenness(s, firmsAt(s), at, 2, 'sector');
    expect(o).toEqual({
      suppressed: false,
      ei: (1 - 2) / 3,
      ties: 3,
      people: 5,
      groups: [
        { group: '25', suppressed: false, internal: 1, external: 1, ei: 0, people: 3 },
        { group: '62', suppressed: false, internal: 1, external: 1, ei: 0, people: 2 },
      ],
    });
  });

  it('suppresses groups of fewer than k people, never rounds, and suppresses a second group so the total gives nothing away', () => {
    const s = sources({
      employment: people([
        ['p1', 'a'],
        ['p2', 'b'],
        ['p3', 'c'],
      ]),
      ties: new Map([
        ['t1', tie('p1', 'p2')],
        ['t2', tie('p2', 'p3')],
      ]),
    });
    const o = peopleOpenness(s, firmsAt(s), at, 3, 'sector');
    // 25 has p1, p2 (2 < 3): suppressed; 62 has p2, p3 (2): suppressed; 3 people in all: the total is shown.
    expect(o.groups).toEqual([
      { group: '25', suppressed: true, internal: null, external: null, ei: null, people: null },
      { group: '62', suppressed: true, internal: null, external: null, ei: null, people: null },
    ]);
    expect(o).toMatchObject({ suppressed: false, people: 3, ties: 2 });
    expect(peopleOpenness(s, firmsAt(s), at, 4, 'sector')).toMatchObject({ suppressed: true, ei: null, ties: null, people: null });
  });
});

describe('months', () => {
  it('runs from the first to the last month included, across years', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
