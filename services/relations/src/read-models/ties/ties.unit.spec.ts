import { foldDocuments as fold, projectedEvents } from '@opn/testing';
import { computeReach, PersonPlace } from './reach';
import { TieIndex, tiesProjection } from './ties.projection';

const tieId = 't1';
const ev = projectedEvents(`tie-${tieId}`);
const people: [string, string] = ['p-a', 'p-b'];
const pub = { people, kinds: ['family'], strength: 3 };

const declared = (at = '2026-11-01T10:00:00.000Z') =>
  ev('TieDeclared', { tieId, people, by: 'p-a', otherPersonId: 'p-b', kinds: ['family'], strength: 3, lastContactOn: '2026-10-01', visibility: 'members', note: 'pii:v1:sealed', at });

describe('ties projection (pure fold)', () => {
  it('declares, confirms with the narrower visibility, updates, records contacts and keeps the note sealed', () => {
    const doc = fold(tiesProjection, [
      declared(),
      ev('TieConfirmed', { tieId, by: 'p-b', visibility: 'company', effective: 'company', tie: pub, at: '2026-11-02T10:00:00.000Z' }),
      ev('TieUpdated', { tieId, changes: { strength: 5 }, by: 'p-a', effective: 'company', tie: pub, at: '2026-11-03T10:00:00.000Z' }),
      ev('TieContactRecorded', { tieId, on: '2026-11-03', revived: false, by: 'p-b', effective: 'company', tie: pub, at: '2026-11-04T10:00:00.000Z' }),
    ]).get(tieId)!;
    expect(doc).toEqual({
      tieId,
      people,
      proposedBy: 'p-a',
      status: 'confirmed',
      kinds: ['family'],
      strength: 5,
      lastContactOn: '2026-11-03',
      confirmedAt: '2026-11-02T10:00:00.000Z',
      visibility: { 'p-a': 'members', 'p-b': 'company' },
      effective: 'company',
      note: 'pii:v1:sealed',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-04T10:00:00.000Z',
    });
  });

  it('follows visibility changes, declines and ends (ended is private), and a new declaration starts afresh', () => {
    const events = [
      declared(),
      ev('TieConfirmed', { tieId, by: 'p-b', visibility: 'members', effective: 'members', tie: pub, at: '2026-11-02T10:00:00.000Z' }),
      ev('TieVisibilityChanged', { tieId, by: 'p-a', visibility: 'territory', before: 'members', effective: 'territory', tie: pub, at: '2026-11-03T10:00:00.000Z' }),
    ];
    expect(fold(tiesProjection, events).get(tieId)).toMatchObject({ visibility: { 'p-a': 'territory', 'p-b': 'members' }, effective: 'territory' });
    const ended = fold(tiesProjection, [...events, ev('TieEnded', { tieId, by: 'p-b', before: 'territory', at: '2026-11-05T10:00:00.000Z' })]).get(tieId)!;
    expect(ended).toMatchObject({ status: 'ended', effective: 'private' });
    const again = fold(tiesProjection, [...events, ev('TieEnded', { tieId, by: 'p-b', before: 'territory', at: 'x' }), declared('2026-11-10T10:00:00.000Z')]).get(tieId)!;
    expect(again).toMatchObject({ status: 'proposed', effective: 'private', visibility: { 'p-a': 'members' }, createdAt: '2026-11-01T10:00:00.000Z' });
    expect(again).not.toHaveProperty('confirmedAt');
    expect(fold(tiesProjection, [declared(), ev('TieDeclined', { tieId, by: 'p-b', at: 'y' })]).get(tieId)).toMatchObject({ status: 'declined', updatedAt: 'y' });
  });

  it('removes the tie on erasure, and ignores events of an unknown tie', () => {
    expect(fold(tiesProjection, [declared(), ev('TieErased', { tieId, erasedPersonId: 'p-a', before: 'private', by: 'system', at: 'z' })]).has(tieId)).toBe(false);
    expect(fold(tiesProjection, [ev('TieDeclined', { tieId, by: 'p-b', at: 'y' })]).has(tieId)).toBe(false);
  });

  it('the TieIndex lists a tie under its two people and forgets it when erased', () => {
    const index = new TieIndex();
    index.apply([declared()]);
    expect(index.idsFor('p-a')).toEqual([tieId]);
    expect(index.idsFor('p-b')).toEqual([tieId]);
    index.apply([ev('TieErased', { tieId, erasedPersonId: 'p-a', before: 'private', by: 'system', at: 'z' })]);
    expect(index.idsFor('p-a')).toEqual([]);
    expect(index.size).toBe(0);
  });
});

describe('computeReach', () => {
  const places: Record<string, PersonPlace> = {};
  const placeOf = (p: string): PersonPlace => places[p] ?? { sectors: [], departements: [] };
  const inside = (...ids: string[]) => (p: string) => ids.includes(p);
  const tie = (a: string, b: string, ...kinds: string[]) => ({ people: [a, b] as [string, string], kinds });
  Object.assign(places, {
    x1: { sectors: ['25'], departements: ['69'] },
    x2: { sectors: ['25'], departements: ['69'] },
    x3: { sectors: ['62'], departements: ['75'] },
    x4: { sectors: ['25', '62'], departements: ['69'] },
  });

  it('counts each cell by the smaller of distinct insiders and distinct contacts', () => {
    // one insider with three contacts: 3 ties but only 1 insider -> people 1
    const reach = computeReach([tie('m1', 'x1', 'family'), tie('m1', 'x2', 'family'), tie('m1', 'x3', 'family')], inside('m1'), placeOf, 2);
    expect(reach.byKind.cells).toEqual([{ key: 'family', ties: null, people: null, suppressed: true }]);
    expect(reach.total).toEqual({ ties: null, people: null, suppressed: true });
  });

  it('shows cells of at least k on both sides and suppresses the small ones (and a partner cell)', () => {
    const reach = computeReach(
      [tie('m1', 'x1', 'family', 'hobby'), tie('m2', 'x2', 'family'), tie('x3', 'm3', 'client'), tie('m1', 'x4', 'hobby')],
      inside('m1', 'm2', 'm3'),
      placeOf,
      2,
    );
    expect(reach.total).toEqual({ ties: 4, people: 3, suppressed: false });
    // family: m1,m2 / x1,x2 -> 2; hobby: m1 / x1,x4 -> 1; client: m3 / x3 -> 1 (together 2 = k: no secondary)
    expect(reach.byKind.cells).toEqual([
      { key: 'client', ties: null, people: null, suppressed: true },
      { key: 'family', ties: 2, people: 2, suppressed: false },
      { key: 'hobby', ties: null, people: null, suppressed: true },
    ]);
    // sector 25: x1, x2, x4 with m1, m2 -> 2 (3 ties); sector 62: x3, x4 with m3, m1 -> 2
    expect(reach.bySector.cells).toEqual([
      { key: '25', ties: 3, people: 2, suppressed: false },
      { key: '62', ties: 2, people: 2, suppressed: false },
    ]);
    // 69: x1,x2,x4 / m1,m2 -> 2; 75: x3 / m3 -> 1, alone under k: 69 is suppressed too
    expect(reach.byDepartement.cells).toEqual([
      { key: '69', ties: null, people: null, suppressed: true },
      { key: '75', ties: null, people: null, suppressed: true },
    ]);
  });

  it('reads a tie between two insiders both ways but counts it once, and files unknown places under unknown', () => {
    const reach = computeReach([tie('m1', 'm2', 'partner'), tie('m3', 'y', 'partner')], inside('m1', 'm2', 'm3'), placeOf, 2);
    expect(reach.byKind.cells).toEqual([{ key: 'partner', ties: 2, people: 3, suppressed: false }]);
    expect(reach.bySector.cells).toEqual([{ key: 'unknown', ties: 2, people: 3, suppressed: false }]);
    expect(reach.total).toEqual({ ties: 2, people: 3, suppressed: false });
  });

  it('ignores ties without an insider and gives an empty, suppressed answer for nothing', () => {
    const reach = computeReach([tie('x1', 'x2', 'family')], inside('m1'), placeOf, 2);
    expect(reach).toEqual({
      total: { ties: null, people: null, suppressed: true },
      byKind: { cells: [], total: { ties: null, people: null, suppressed: true } },
      bySector: { cells: [], total: { ties: null, people: null, suppressed: true } },
      byDepartement: { cells: [], total: { ties: null, people: null, suppressed: true } },
    });
  });
});
