import { ForbiddenError } from '@opn/kernel';
import { DeciderSpecification, decideAll } from '@opn/testing';
import { CollectiveCommand } from './collective.commands';
import { collectiveDecider } from './collective.decider';

const spec = DeciderSpecification.for(collectiveDecider);
const T0 = '2026-01-10T09:00:00.000Z';
const T1 = '2026-01-11T09:00:00.000Z';
const T2 = '2026-01-20T09:00:00.000Z';
const T3 = '2026-02-01T09:00:00.000Z';
const [ines, bob, cleo] = ['p-ines', 'p-bob', 'p-cleo'];
const c = (type: string, data: Record<string, unknown>, by: string, now: string) => ({ type, data: { ...data, by, now } }) as CollectiveCommand;

const life: CollectiveCommand[] = [
  c(
    'ProposeCollective',
    { collectiveId: 'col', name: 'Atelier', purpose: 'p', occasion: { kind: 'pretext', title: 't' }, rhythm: 'monthly', access: 'open', minMembers: 3, governance: { mode: 'rotation' } },
    ines,
    T0,
  ),
  c('StartForming', {}, ines, T0),
  c('Join', {}, bob, T1),
  c('Join', { companyId: 'co-cleo' }, cleo, T1),
  c('RotateLeadership', {}, 'system', T1),
  c('Activate', {}, ines, T1),
  c('PostAnnouncement', { announcementId: 'a1', text: 'Mon numéro: 06 12 34 56 78' }, cleo, T2),
  c('AddDocument', { documentId: 'd1', title: 'Mon CV', url: 'https://example.org/cv.pdf' }, cleo, T2),
  c('PostAnnouncement', { announcementId: 'a2', text: 'Bonjour' }, bob, T2),
  c('ReportContent', { reportId: 'r1', target: { kind: 'announcement', id: 'a2' }, reason: 'Bob m’a insultée' }, cleo, T2),
  c('Dissolve', {}, ines, T3),
];
const given = decideAll(collectiveDecider, life);
const erase = (personId: string, by = 'system') => c('ErasePerson', { personId }, by, '2026-03-01T09:00:00.000Z');
const at = '2026-03-01T09:00:00.000Z';
const base = { collectiveId: 'col', by: 'system', at };

describe('ErasePerson (identity erased someone)', () => {
  it('removes the person, erases what they wrote and the reasons of their reports, and withdraws their alumni ties', () => {
    spec
      .given(given)
      .when(erase(cleo))
      .then([
        { type: 'PersonErased', data: { ...base, personId: cleo, ties: 2 } },
        { type: 'ContentErased', data: { ...base, target: { kind: 'announcement', id: 'a1' } } },
        { type: 'ContentErased', data: { ...base, target: { kind: 'document', id: 'd1' } } },
        { type: 'ReportErased', data: { ...base, reportId: 'r1', target: { kind: 'announcement', id: 'a2' } } },
        { type: 'AlumniTieErased', data: { ...base, personIds: [bob, cleo] } },
        { type: 'AlumniTieErased', data: { ...base, personIds: [cleo, ines] } },
      ]);
  });

  it('leaves the others as they were: members, stints, contributions', () => {
    spec
      .given(given)
      .when(erase(cleo))
      .thenState((s) => {
        if (s.status === 'none') throw new Error('no collective');
        expect(Object.keys(s.members).sort()).toEqual([bob, ines]);
        expect(s.stints.map((st) => st.personId).sort()).toEqual([bob, ines]);
        expect(s.contributions[cleo]).toBeUndefined();
        expect(s.contributions[bob]).toEqual({ announcements: 1, documents: 0, results: 0, meetingsAttended: 0 });
      });
  });

  it('does nothing for someone the collective never knew, and twice erases nothing more', () => {
    spec.given(given).when(erase('p-stranger')).thenNothingHappens();
    const once = decideAll(collectiveDecider, [...life, erase(cleo)]);
    spec.given(once).when(erase(cleo)).thenNothingHappens();
  });

  it('is for the platform only', () => {
    spec.given(given).when(erase(cleo, ines)).thenThrows(ForbiddenError, /platform/);
  });
});
