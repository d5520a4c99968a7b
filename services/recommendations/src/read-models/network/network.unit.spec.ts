import type { PersonDocument } from '@opn/directory';
import { warmPathsBruteForce } from '@opn/recommender';
import { peopleProjection } from '../people';
import { NetworkIndex, territoryTag } from './network.index';
import { alumniTiesProjection, companyRelationsProjection, firmsProjection, FirmDocument, needsProjection, NeedDocument, territoriesProjection, territoryMembershipsProjection, tiesProjection } from './network.projections';
import { ALUMNI_STRENGTH, COLLEAGUE_STRENGTH, buildCompanyNetwork, buildPeopleNetwork } from './network.snapshot';

const person = (companies: Record<string, 'member' | 'company_admin'>, broker = false, erased = false): PersonDocument => ({
  companies,
  platformRoles: [],
  consents: { personal_ties: true, warm_introductions: broker },
  erased,
});
const firm = (siren: string, over: Partial<FirmDocument> = {}): FirmDocument => ({
  legalName: `Firm ${siren}`,
  siren,
  nafCode: '25.62B',
  sizeBand: '10-49',
  description: '',
  capabilities: [],
  offers: [],
  city: 'Lyon',
  departement: '69',
  coordinates: null,
  ...over,
});

/** A small world: firms A, B, C; ada (A), bob (B, broker), cleo (C), dan (C), eve (erased). */
function world(): NetworkIndex {
  const n = new NetworkIndex();
  const put = (projection: { name: string }, id: string, doc: object | null) => n.documentChanged(projection.name, id, doc);
  put(firmsProjection, 'A', firm('100000001', { legalName: 'Alpha', capabilities: ['Usinage CNC'] }));
  put(firmsProjection, 'B', firm('100000002', { legalName: 'Beta', description: 'Peinture industrielle', departement: '42' }));
  put(firmsProjection, 'C', firm('100000003', { legalName: 'Gamma', offers: ['fraisage de précision'] }));
  put(peopleProjection, 'ada', person({ A: 'company_admin' }));
  put(peopleProjection, 'bob', person({ B: 'company_admin' }, true));
  put(peopleProjection, 'cleo', person({ C: 'company_admin' }));
  put(peopleProjection, 'dan', person({ C: 'member' }, true));
  put(peopleProjection, 'eve', person({}, true, true));
  put(tiesProjection, 't1', { people: ['ada', 'bob'], kinds: ['classmates'], strength: 4, visibility: 'members', since: '2026-01-01T00:00:00.000Z' });
  put(tiesProjection, 't2', { people: ['bob', 'cleo'], kinds: ['hobby'], strength: 5, visibility: 'members', since: '2026-01-01T00:00:00.000Z' });
  // A `territory` tie is for coordinators' aggregates only: never a path or a suggestion.
  put(tiesProjection, 't3', { people: ['ada', 'dan'], kinds: ['family'], strength: 5, visibility: 'territory', since: '2026-01-01T00:00:00.000Z' });
  put(tiesProjection, 't4', { people: ['bob', 'eve'], kinds: ['family'], strength: 5, visibility: 'members', since: '2026-01-01T00:00:00.000Z' });
  put(alumniTiesProjection, 'col:ada:dan', { collectiveId: 'col', collectiveName: 'Club export', personIds: ['ada', 'dan'], companyIds: ['A', 'C'], from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
  put(companyRelationsProjection, 'r1', { companies: ['A', 'B'], kind: 'supplier', active: true, since: '2026-01-01T00:00:00.000Z', agreements: 2 });
  put(companyRelationsProjection, 'r2', { companies: ['B', 'C'], kind: 'partner', active: false, since: '2026-01-01T00:00:00.000Z', agreements: 0 });
  return n;
}

describe('the people network', () => {
  it('holds members-visible ties (strength / 5), alumni ties and colleagues; never territory ties nor erased people', () => {
    const net = buildPeopleNetwork(world());
    expect(net.graph.ids).toEqual(['ada', 'bob', 'cleo', 'dan']);
    const weight = (a: string, b: string) => {
      const i = net.graph.index.get(a)!;
      const j = net.graph.index.get(b)!;
      for (let k = net.graph.offsets[i]; k < net.graph.offsets[i + 1]; k++) if (net.graph.neighbours[k] === j) return net.graph.weights[k];
      return 0;
    };
    expect(weight('ada', 'bob')).toBeCloseTo(0.8);
    expect(weight('bob', 'cleo')).toBeCloseTo(1);
    expect(weight('ada', 'dan')).toBeCloseTo(ALUMNI_STRENGTH);
    expect(weight('cleo', 'dan')).toBeCloseTo(COLLEAGUE_STRENGTH);
    expect(net.graph.edgeCount).toBe(4);
    expect(net.basis('ada', 'dan')).toEqual({ collectives: ['Club export'] });
    expect(net.basis('dan', 'cleo')).toEqual({ colleaguesAt: 'C' });
    expect([...net.paths.brokers]).toEqual([0, 1, 0, 1]);
  });

  it('finds the warm paths brute force finds: through consenting brokers only', () => {
    const net = buildPeopleNetwork(world());
    const ada = net.graph.index.get('ada')!;
    const targets = ['cleo', 'dan'].map((id) => net.graph.index.get(id)!);
    const found = net.finder.find(ada, targets, 10);
    expect(found).toEqual(warmPathsBruteForce(net.paths, ada, targets, 10));
    // ada-bob-cleo goes through bob (a broker); ada-dan (alumni) is a direct way in; dan brokers too, so ada-dan-cleo is a third way.
    expect(found.map((p) => ({ people: p.people.map((i) => net.graph.ids[i]), strength: Number(p.strength.toFixed(2)) }))).toEqual([
      { people: ['ada', 'bob', 'cleo'], strength: 0.8 },
      { people: ['ada', 'dan'], strength: 0.4 },
      { people: ['ada', 'dan', 'cleo'], strength: 0.24 },
    ]);
  });
});

describe('the company network', () => {
  it('sums active relations (1 + agreements), personal ties between their people and alumni ties; a suspended relation is no tie', () => {
    const net = buildCompanyNetwork(world());
    expect(net.graph.ids).toEqual(['A', 'B', 'C']);
    const weight = (a: number, b: number) => {
      for (let k = net.graph.offsets[a]; k < net.graph.offsets[a + 1]; k++) if (net.graph.neighbours[k] === b) return net.graph.weights[k];
      return 0;
    };
    // A-B: relation with 2 agreements (3) + the ada-bob tie (4/5); B-C: the bob-cleo tie only (5/5, the relation is suspended); A-C: the ada-dan alumni tie.
    expect(weight(0, 1)).toBeCloseTo(3.8);
    expect(weight(1, 2)).toBeCloseTo(1);
    expect(weight(0, 2)).toBeCloseTo(ALUMNI_STRENGTH);
    expect(net.graph.edgeCount).toBe(3);
    // Only people of A..C count: a territory tie (ada-dan) adds nothing.
    expect(buildCompanyNetwork(world(), new Set(['A', 'B'])).graph.edgeCount).toBe(1);
  });
});

describe('partner search kept up to date', () => {
  it('indexes profiles, territories by SIREN (in whichever order they arrive) and agreements won', () => {
    const n = world();
    n.documentChanged(territoryMembershipsProjection.name, 'T1:100000003', { territoryId: 'T1', siren: '100000003', admitted: true });
    n.documentChanged(territoriesProjection.name, 'T1', { name: 'Rhône', coordinators: ['cleo'] });
    n.documentChanged(territoriesProjection.name, 'T2', { name: 'Lyon', parentId: 'T1', coordinators: [] });
    expect(n.territoryAndNested('T1')).toEqual(new Set(['T1', 'T2']));
    expect(n.territoryAndParents('T2')).toEqual(['T2', 'T1']);
    const need = { title: 'Fraisage de pièces' };
    expect(n.partners.search(need, 3).map((h) => h.id)[0]).toBe('C');
    expect(n.partners.search(need, 3, { territoryIds: [territoryTag('T1')] }).map((h) => h.id)).toEqual(['C']);
    n.documentChanged(territoryMembershipsProjection.name, 'T1:100000003', { territoryId: 'T1', siren: '100000003', admitted: false });
    expect(n.partners.search(need, 3, { territoryIds: [territoryTag('T1')] })).toEqual([]);
    const won: NeedDocument = { companyId: 'B', title: 't', description: 'd', capabilities: [], territory: ['69'], visibility: 'members', publishedAt: '2026-01-01T00:00:00.000Z', engaged: ['A'], outcome: 'agreement', partnerCompanyId: 'A', hidden: false };
    const before = n.partners.search({ title: 'usinage' }, 1)[0].score;
    n.documentChanged(needsProjection.name, 'need-1', won);
    expect(n.partners.search({ title: 'usinage' }, 1)[0].score).toBeGreaterThan(before);
    n.documentChanged(firmsProjection.name, 'C', null);
    expect(n.partners.search(need, 3).map((h) => h.id)).not.toContain('C');
    expect(n.membersOf('C')).toEqual(['cleo', 'dan']);
  });
});
