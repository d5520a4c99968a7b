import { dateOf, IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { createHash } from 'node:crypto';
import { DeclareTie, TieCommand } from './tie.commands';
import { Tie, TieState, decide, isDormant, narrowest, tieDecider, tieIdOf, tieStreamId, TIE_KINDS, TIE_VISIBILITIES } from './tie.decider';
import { TieConfirmed, TieDeclared, TieEvent, TieKind, TiePublicPart, TieVisibility } from './tie.events';

const spec = DeciderSpecification.for(tieDecider);

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-03T09:00:00.000Z';
const DAYS = 180;

// 'p-alice' < 'p-bob': the sorted pair is [alice, bob].
const alice = 'p-alice'; // declares
const bob = 'p-bob'; // confirms
const mallory = 'p-mallory'; // outsider
const people: [string, string] = [alice, bob];
const tieId = tieIdOf(alice, bob);

const declare = (over: Partial<DeclareTie['data']> = {}): DeclareTie => ({
  type: 'DeclareTie',
  data: {
    tieId,
    by: alice,
    otherPersonId: bob,
    kinds: ['partner', 'classmates'],
    strength: 3,
    lastContactOn: '2026-02-20',
    visibility: 'members',
    note: '  met at school  ',
    now: T0,
    ...over,
  },
});

const declared = (over: Partial<TieDeclared['data']> = {}): TieDeclared => ({
  type: 'TieDeclared',
  data: {
    tieId,
    people,
    by: alice,
    otherPersonId: bob,
    kinds: ['classmates', 'partner'],
    strength: 3,
    lastContactOn: '2026-02-20',
    visibility: 'members',
    note: 'met at school',
    at: T0,
    ...over,
  },
});

const part = (over: Partial<TiePublicPart> = {}): TiePublicPart => ({
  people,
  kinds: ['classmates', 'partner'],
  strength: 3,
  lastContactOn: '2026-02-20',
  ...over,
});

const confirmed = (visibility: TieVisibility = 'territory', effective: TieVisibility = visibility): TieConfirmed => ({
  type: 'TieConfirmed',
  data: { tieId, by: bob, visibility, effective, tie: part(), at: T1 },
});

const confirm = (by = bob, visibility: TieVisibility = 'territory', now = T1): TieCommand => ({ type: 'ConfirmTie', data: { by, visibility, now } });
const decline = (by = bob, now = T1): TieCommand => ({ type: 'DeclineTie', data: { by, now } });
const update = (by: string, changes: { kinds?: TieKind[]; strength?: number }, now = T2): TieCommand => ({ type: 'UpdateTie', data: { by, ...changes, now } });
const contact = (by: string, on: string, now = T2, dormantAfterDays = DAYS): TieCommand => ({ type: 'RecordContact', data: { by, on, dormantAfterDays, now } });
const changeVisibility = (by: string, visibility: TieVisibility, now = T2): TieCommand => ({ type: 'ChangeTieVisibility', data: { by, visibility, now } });
const end = (by: string, now = T2): TieCommand => ({ type: 'EndTie', data: { by, now } });
const erase = (erasedPersonId: string, now = T2): TieCommand => ({ type: 'EraseTie', data: { erasedPersonId, now } });

const proposed: TieEvent[] = [declared()];
const active: TieEvent[] = [declared(), confirmed()]; // alice: members, bob: territory -> territory
const declinedTie: TieEvent[] = [declared(), { type: 'TieDeclined', data: { tieId, by: bob, at: T1 } }];
const endedTie: TieEvent[] = [...active, { type: 'TieEnded', data: { tieId, by: bob, before: 'territory', at: T2 } }];
const erasedTie: TieEvent[] = [...active, { type: 'TieErased', data: { tieId, erasedPersonId: bob, before: 'territory', by: 'system', at: T2 } }];

const detailsOf = (e: ValidationError) => (e.details as Array<{ field: string }>).map((d) => d.field);

describe('tie ids and vocabulary', () => {
  it('derives the same id from either order of the pair', () => {
    expect(tieIdOf(bob, alice)).toBe(tieId);
    expect(tieId).toHaveLength(22);
    expect(tieId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const expected = createHash('sha256').update(`${alice}|${bob}`).digest('base64url').slice(0, 22);
    expect(tieId).toBe(expected);
    expect(tieIdOf(alice, mallory)).not.toBe(tieId);
  });

  it('names the stream tie-<id>', () => {
    expect(tieStreamId('abc')).toBe('tie-abc');
  });

  it('lists the kinds and the visibilities from the narrowest', () => {
    expect(TIE_KINDS).toHaveLength(11);
    expect(TIE_VISIBILITIES).toEqual(['private', 'company', 'territory', 'members']);
  });

  it('takes the narrower of two visibilities, in either order', () => {
    for (const a of TIE_VISIBILITIES) {
      for (const b of TIE_VISIBILITIES) {
        const n = narrowest(a, b);
        expect(n).toBe(narrowest(b, a));
        expect(TIE_VISIBILITIES.indexOf(n)).toBe(Math.min(TIE_VISIBILITIES.indexOf(a), TIE_VISIBILITIES.indexOf(b)));
      }
    }
    expect(narrowest('members', 'private')).toBe('private');
    expect(narrowest('company', 'territory')).toBe('company');
  });
});

describe('dormancy', () => {
  const now = '2026-09-01T10:00:00.000Z';
  it('is never true of an unconfirmed tie', () => {
    expect(isDormant({ lastContactOn: '2020-01-01' }, now, DAYS)).toBe(false);
  });
  it('counts from the last contact', () => {
    // 2026-03-05 .. 2026-09-01 = 180 days: not more than 180
    expect(isDormant({ lastContactOn: '2026-03-05', confirmedAt: T0 }, now, DAYS)).toBe(false);
    expect(isDormant({ lastContactOn: '2026-03-04', confirmedAt: T0 }, now, DAYS)).toBe(true);
  });
  it('counts from the confirmation date without a contact', () => {
    expect(isDormant({ confirmedAt: '2026-03-05T23:00:00.000Z' }, now, DAYS)).toBe(false);
    expect(isDormant({ confirmedAt: '2026-03-04T08:00:00.000Z' }, now, DAYS)).toBe(true);
  });
  it('uses the last contact even when it is older than the confirmation', () => {
    expect(isDormant({ lastContactOn: '2025-01-01', confirmedAt: '2026-08-31T00:00:00.000Z' }, now, DAYS)).toBe(true);
  });
});

describe('no tie', () => {
  it('records a declaration, kinds in canonical order and note trimmed, private until confirmed', () => {
    spec.given([]).when(declare()).then([declared()]);
    spec
      .given([])
      .when(declare())
      .thenState((s) =>
        expect(s).toEqual({
          status: 'proposed',
          tieId,
          people,
          proposedBy: alice,
          kinds: ['classmates', 'partner'],
          strength: 3,
          lastContactOn: '2026-02-20',
          visibility: { [alice]: 'members' },
          effective: 'private',
        } satisfies Tie),
      );
  });

  it('sorts the pair whoever declares', () => {
    spec
      .given([])
      .when(declare({ by: bob, otherPersonId: alice, note: undefined, lastContactOn: undefined }))
      .then([
        {
          type: 'TieDeclared',
          data: { tieId, people, by: bob, otherPersonId: alice, kinds: ['classmates', 'partner'], strength: 3, visibility: 'members', at: T0 },
        },
      ]);
  });

  it('drops an empty note', () => {
    spec
      .given([])
      .when(declare({ note: '   ' }))
      .thenState((s) => expect(s.status).toBe('proposed'));
    const events = decide(declare({ note: '   ' }), { status: 'none' });
    expect(events[0].data).not.toHaveProperty('note');
  });

  it('accepts a contact today and every kind at once', () => {
    spec
      .given([])
      .when(declare({ lastContactOn: '2026-03-01', kinds: [...TIE_KINDS].reverse() }))
      .then([declared({ lastContactOn: '2026-03-01', kinds: [...TIE_KINDS] })]);
  });

  it('refuses a self-tie', () => {
    spec
      .given([])
      .when(declare({ otherPersonId: alice, tieId: tieIdOf(alice, alice) }))
      .thenThrows(ValidationError, /^otherPersonId: /);
  });

  it('refuses a tie id that is not the pair\'s', () => {
    spec.given([]).when(declare({ tieId: tieIdOf(alice, mallory) })).thenThrows(ValidationError, /^tieId: /);
  });

  it.each([
    ['no kind', { kinds: [] }, /^kinds: must list at least one kind$/],
    ['an unknown kind', { kinds: ['family', 'enemies' as TieKind] }, /^kinds: unknown kind "enemies"/],
    ['a repeated kind', { kinds: ['family', 'family'] as TieKind[] }, /^kinds: must not repeat/],
    ['kinds that are not a list', { kinds: 'family' as never }, /^kinds: /],
    ['strength 0', { strength: 0 }, /^strength: /],
    ['strength 6', { strength: 6 }, /^strength: /],
    ['strength 2.5', { strength: 2.5 }, /^strength: /],
    ['a contact tomorrow', { lastContactOn: '2026-03-02' }, /^lastContactOn: must not be in the future$/],
    ['a contact that is not a date', { lastContactOn: '2026-02-30' }, /^lastContactOn: /],
    ['an unknown visibility', { visibility: 'public' as TieVisibility }, /^visibility: /],
    ['a note of 501 characters', { note: 'x'.repeat(501) }, /^note: must be at most 500/],
    ['a bad now', { now: 'yesterday' }, /^now: /],
  ] as Array<[string, Partial<DeclareTie['data']>, RegExp]>)('refuses %s', (_name, over, message) => {
    spec.given([]).when(declare(over)).thenThrows(ValidationError, message);
  });

  it('accepts a note of exactly 500 characters', () => {
    spec.given([]).when(declare({ note: 'x'.repeat(500) })).then([declared({ note: 'x'.repeat(500) })]);
  });

  it('reports every bad field at once', () => {
    spec
      .given([])
      .when(declare({ kinds: ['enemies' as TieKind], strength: 9, lastContactOn: '2027-01-01', visibility: 'everyone' as TieVisibility, note: 'x'.repeat(600) }))
      .thenThrows(ValidationError, (e) => {
        expect(detailsOf(e).sort()).toEqual(['kinds', 'lastContactOn', 'note', 'strength', 'visibility']);
      });
  });

  it.each([
    ['ConfirmTie', confirm()],
    ['DeclineTie', decline()],
    ['UpdateTie', update(alice, { strength: 4 })],
    ['RecordContact', contact(alice, '2026-03-02')],
    ['ChangeTieVisibility', changeVisibility(alice, 'private')],
    ['EndTie', end(alice)],
    ['EraseTie', erase(alice)],
  ])('answers %s with "tie not found"', (_name, command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, /^tie not found$/);
  });
});

describe('proposed tie (alice declared, members)', () => {
  it('is confirmed by the other person, effective the narrower of the two', () => {
    spec.given(proposed).when(confirm(bob, 'territory')).then([confirmed('territory', 'territory')]);
    spec
      .given(proposed)
      .when(confirm(bob, 'territory'))
      .thenState((s) => {
        const t = s as Tie;
        expect(t.status).toBe('confirmed');
        expect(t.visibility).toEqual({ [alice]: 'members', [bob]: 'territory' });
        expect(t.effective).toBe('territory');
        expect(t.confirmedAt).toBe(T1);
      });
  });

  it.each([
    ['private', 'members', 'private'],
    ['members', 'members', 'members'],
    ['members', 'company', 'company'],
    ['company', 'territory', 'company'],
  ] as Array<[TieVisibility, TieVisibility, TieVisibility]>)('alice %s + bob %s is %s', (a, b, effective) => {
    spec.given([declared({ visibility: a })]).when(confirm(bob, b)).then([confirmed(b, effective)]);
  });

  it('refuses the declarer confirming', () => {
    spec.given(proposed).when(confirm(alice)).thenThrows(IllegalStateError, /^only the other person can confirm$/);
  });

  it('answers an outsider "tie not found", whatever the command', () => {
    for (const command of [confirm(mallory), decline(mallory), update(mallory, { strength: 1 }), contact(mallory, '2026-03-01'), changeVisibility(mallory, 'private'), end(mallory), erase(mallory)]) {
      spec.given(proposed).when(command).thenThrows(NotFoundError, /^tie not found$/);
    }
    spec.given(proposed).when(declare({ by: mallory, otherPersonId: alice, tieId })).thenThrows(NotFoundError, /^tie not found$/);
  });

  it('refuses a confirmation with a bad visibility', () => {
    spec.given(proposed).when(confirm(bob, 'wide' as TieVisibility)).thenThrows(ValidationError, /^visibility: /);
  });

  it('reports a bad visibility and a bad now at once', () => {
    spec
      .given(proposed)
      .when(confirm(bob, 'wide' as TieVisibility, 'soon'))
      .thenThrows(ValidationError, (e) => expect(detailsOf(e)).toEqual(['visibility', 'now']));
  });

  it('is declined by the other person', () => {
    spec.given(proposed).when(decline(bob)).then([{ type: 'TieDeclined', data: { tieId, by: bob, at: T1 } }]);
    spec.given(proposed).when(decline(bob)).thenState((s) => expect(s.status).toBe('declined'));
  });

  it('refuses the declarer declining', () => {
    spec.given(proposed).when(decline(alice)).thenThrows(IllegalStateError, /declarer cannot decline/);
  });

  it('refuses a second declaration, by either person', () => {
    spec.given(proposed).when(declare()).thenThrows(IllegalStateError, /^tie is already declared$/);
    spec.given(proposed).when(declare({ by: bob, otherPersonId: alice })).thenThrows(IllegalStateError, /^tie is already declared: confirm it instead$/);
  });

  it('refuses updates and contacts until confirmed', () => {
    spec.given(proposed).when(update(alice, { strength: 5 })).thenThrows(IllegalStateError, /^tie is not confirmed yet$/);
    spec.given(proposed).when(contact(alice, '2026-03-02')).thenThrows(IllegalStateError, /^tie is not confirmed yet$/);
  });

  it('lets the declarer withdraw it (an end), still private', () => {
    spec.given(proposed).when(end(alice)).then([{ type: 'TieEnded', data: { tieId, by: alice, before: 'private', at: T2 } }]);
  });

  it('lets the other person end it too', () => {
    spec.given(proposed).when(end(bob)).then([{ type: 'TieEnded', data: { tieId, by: bob, before: 'private', at: T2 } }]);
  });

  it('lets the declarer change their visibility, the tie staying private', () => {
    spec
      .given(proposed)
      .when(changeVisibility(alice, 'company'))
      .then([{ type: 'TieVisibilityChanged', data: { tieId, by: alice, visibility: 'company', before: 'private', effective: 'private', tie: part(), at: T2 } }]);
    spec
      .given([...proposed, { type: 'TieVisibilityChanged', data: { tieId, by: alice, visibility: 'company', before: 'private', effective: 'private', tie: part(), at: T2 } }])
      .when(confirm(bob, 'members'))
      .then([confirmed('members', 'company')]);
  });

  it('tells the other person to confirm instead of changing a visibility', () => {
    spec.given(proposed).when(changeVisibility(bob, 'company')).thenThrows(IllegalStateError, /not confirmed yet/);
  });

  it('is erased when either person is erased', () => {
    spec.given(proposed).when(erase(bob)).then([{ type: 'TieErased', data: { tieId, erasedPersonId: bob, before: 'private', by: 'system', at: T2 } }]);
  });
});

describe('confirmed tie (alice members, bob territory: effective territory)', () => {
  it('refuses confirming twice, by either person', () => {
    spec.given(active).when(confirm(bob)).thenThrows(IllegalStateError, /^tie is already confirmed$/);
    spec.given(active).when(confirm(alice)).thenThrows(IllegalStateError, /^tie is already confirmed$/);
  });

  it('refuses a decline', () => {
    spec.given(active).when(decline(bob)).thenThrows(IllegalStateError, /^tie is already confirmed$/);
  });

  it('refuses a new declaration', () => {
    spec.given(active).when(declare()).thenThrows(IllegalStateError, /^tie is already confirmed$/);
  });

  it('answers an outsider "tie not found"', () => {
    for (const command of [confirm(mallory), update(mallory, { strength: 1 }), contact(mallory, '2026-03-02'), changeVisibility(mallory, 'members'), end(mallory), erase(mallory)]) {
      spec.given(active).when(command).thenThrows(NotFoundError, /^tie not found$/);
    }
  });

  describe('UpdateTie', () => {
    it('records the changed fields only, with the public part after it', () => {
      spec
        .given(active)
        .when(update(bob, { kinds: ['family', 'partner', 'classmates'], strength: 3 }))
        .then([
          {
            type: 'TieUpdated',
            data: { tieId, changes: { kinds: ['family', 'classmates', 'partner'] }, by: bob, effective: 'territory', tie: part({ kinds: ['family', 'classmates', 'partner'] }), at: T2 },
          },
        ]);
      spec
        .given(active)
        .when(update(alice, { strength: 5 }))
        .then([{ type: 'TieUpdated', data: { tieId, changes: { strength: 5 }, by: alice, effective: 'territory', tie: part({ strength: 5 }), at: T2 } }]);
    });

    it('applies the changes to the state', () => {
      spec
        .given(active)
        .when(update(alice, { kinds: ['hobby'], strength: 1 }))
        .thenState((s) => expect(s).toMatchObject({ kinds: ['hobby'], strength: 1 }));
    });

    it('changes nothing when nothing differs (kinds in any order)', () => {
      spec.given(active).when(update(alice, { kinds: ['partner', 'classmates'], strength: 3 })).thenNothingHappens();
      spec.given(active).when(update(alice, {})).thenNothingHappens();
    });

    it('reports every bad field at once', () => {
      spec
        .given(active)
        .when(update(alice, { kinds: [], strength: 0 }, 'later'))
        .thenThrows(ValidationError, (e) => expect(detailsOf(e).sort()).toEqual(['kinds', 'now', 'strength']));
    });
  });

  describe('RecordContact', () => {
    it('records a contact on a live tie, not revived', () => {
      spec
        .given(active)
        .when(contact(bob, '2026-03-03'))
        .then([{ type: 'TieContactRecorded', data: { tieId, on: '2026-03-03', revived: false, by: bob, effective: 'territory', tie: part({ lastContactOn: '2026-03-03' }), at: T2 } }]);
      spec.given(active).when(contact(bob, '2026-03-03')).thenState((s) => expect((s as Tie).lastContactOn).toBe('2026-03-03'));
    });

    it('accepts a contact on the same day as the last one', () => {
      spec.given(active).when(contact(alice, '2026-02-20')).thenState((s) => expect((s as Tie).lastContactOn).toBe('2026-02-20'));
    });

    it('revives a dormant tie', () => {
      const later = '2026-09-01T08:00:00.000Z'; // 193 days after 2026-02-20
      spec
        .given(active)
        .when(contact(alice, '2026-08-31', later))
        .then([{ type: 'TieContactRecorded', data: { tieId, on: '2026-08-31', revived: true, by: alice, effective: 'territory', tie: part({ lastContactOn: '2026-08-31' }), at: later } }]);
    });

    it('does not claim a revival when the contact recorded is itself too old', () => {
      const later = '2026-12-01T08:00:00.000Z';
      spec
        .given(active)
        .when(contact(alice, '2026-03-10', later))
        .then([{ type: 'TieContactRecorded', data: { tieId, on: '2026-03-10', revived: false, by: alice, effective: 'territory', tie: part({ lastContactOn: '2026-03-10' }), at: later } }]);
    });

    it('counts dormancy from the confirmation when no contact was ever recorded', () => {
      const noContact = [declared({ lastContactOn: undefined }), { ...confirmed(), data: { ...confirmed().data, tie: part({ lastContactOn: undefined }) } }] as TieEvent[];
      const events = (now: string) => decide(contact(alice, dateOf(now), now), noContact.reduce(tieDecider.evolve, tieDecider.initialState()));
      expect(events('2026-08-29T09:00:00.000Z')[0].data).toMatchObject({ revived: false }); // 180 days after 2026-03-02
      expect(events('2026-08-30T09:00:00.000Z')[0].data).toMatchObject({ revived: true }); // 181 days
    });

    it('refuses a contact in the future or before the last one, and a bad threshold, all at once', () => {
      spec.given(active).when(contact(alice, '2026-03-04')).thenThrows(ValidationError, /^on: must not be in the future$/);
      spec.given(active).when(contact(alice, '2026-02-19')).thenThrows(ValidationError, /^on: must not be before the last contact \(2026-02-20\)$/);
      spec
        .given(active)
        .when(contact(alice, 'someday', T2, 0))
        .thenThrows(ValidationError, (e) => expect(detailsOf(e).sort()).toEqual(['dormantAfterDays', 'on']));
    });
  });

  describe('ChangeTieVisibility', () => {
    const changed = (by: string, visibility: TieVisibility, before: TieVisibility, effective: TieVisibility): TieEvent => ({
      type: 'TieVisibilityChanged',
      data: { tieId, by, visibility, before, effective, tie: part(), at: T2 },
    });

    it('narrows the tie when one side narrows', () => {
      spec.given(active).when(changeVisibility(alice, 'company')).then([changed(alice, 'company', 'territory', 'company')]);
      spec.given(active).when(changeVisibility(bob, 'private')).then([changed(bob, 'private', 'territory', 'private')]);
    });

    it('widens it only as far as the other side agreed', () => {
      spec.given(active).when(changeVisibility(bob, 'members')).then([changed(bob, 'members', 'territory', 'members')]);
      spec
        .given([...active, changed(alice, 'company', 'territory', 'company')])
        .when(changeVisibility(bob, 'members'))
        .then([changed(bob, 'members', 'company', 'company')]);
    });

    it('keeps each side\'s choice in the state', () => {
      spec
        .given(active)
        .when(changeVisibility(alice, 'private'))
        .thenState((s) => expect(s).toMatchObject({ visibility: { [alice]: 'private', [bob]: 'territory' }, effective: 'private' }));
    });

    it('changes nothing when the side already has that visibility', () => {
      spec.given(active).when(changeVisibility(alice, 'members')).thenNothingHappens();
      spec.given(active).when(changeVisibility(bob, 'territory')).thenNothingHappens();
    });

    it('refuses an unknown visibility', () => {
      spec.given(active).when(changeVisibility(bob, 'all' as TieVisibility)).thenThrows(ValidationError, /^visibility: /);
    });
  });

  it('is ended by either side, carrying what must be withdrawn', () => {
    spec.given(active).when(end(alice)).then([{ type: 'TieEnded', data: { tieId, by: alice, before: 'territory', at: T2 } }]);
    spec.given(active).when(end(bob)).then([{ type: 'TieEnded', data: { tieId, by: bob, before: 'territory', at: T2 } }]);
    spec.given(active).when(end(bob)).thenState((s) => expect(s).toMatchObject({ status: 'ended', effective: 'private' }));
  });

  it('is erased when one of the two is erased', () => {
    spec.given(active).when(erase(alice)).then([{ type: 'TieErased', data: { tieId, erasedPersonId: alice, before: 'territory', by: 'system', at: T2 } }]);
  });
});

describe('declined tie', () => {
  it.each([
    ['ConfirmTie', confirm(bob)],
    ['DeclineTie', decline(bob)],
    ['UpdateTie', update(alice, { strength: 1 })],
    ['RecordContact', contact(alice, '2026-03-02')],
    ['ChangeTieVisibility', changeVisibility(alice, 'private')],
    ['EndTie', end(alice)],
  ])('refuses %s: tie is already declined', (_name, command) => {
    spec.given(declinedTie).when(command).thenThrows(IllegalStateError, /^tie is already declined$/);
  });

  it('may be declared again, by either person, as a fresh proposal', () => {
    spec.given(declinedTie).when(declare({ now: T2 })).then([declared({ at: T2 })]);
    spec
      .given(declinedTie)
      .when(declare({ by: bob, otherPersonId: alice, visibility: 'company', now: T2 }))
      .thenState((s) => expect(s).toMatchObject({ status: 'proposed', proposedBy: bob, visibility: { [bob]: 'company' }, effective: 'private' }));
  });

  it('answers an outsider "tie not found"', () => {
    spec.given(declinedTie).when(end(mallory)).thenThrows(NotFoundError, /^tie not found$/);
  });

  it('may still be erased', () => {
    spec.given(declinedTie).when(erase(alice)).then([{ type: 'TieErased', data: { tieId, erasedPersonId: alice, before: 'private', by: 'system', at: T2 } }]);
  });
});

describe('ended tie', () => {
  it('refuses ending it again', () => {
    spec.given(endedTie).when(end(alice)).thenThrows(IllegalStateError, /^tie is already ended$/);
    spec.given(endedTie).when(end(bob)).thenThrows(IllegalStateError, /^tie is already ended$/);
  });

  it.each([
    ['ConfirmTie', confirm(bob)],
    ['DeclineTie', decline(bob)],
    ['UpdateTie', update(alice, { strength: 1 })],
    ['RecordContact', contact(alice, '2026-03-02')],
    ['ChangeTieVisibility', changeVisibility(alice, 'private')],
  ])('refuses %s: tie is already ended', (_name, command) => {
    spec.given(endedTie).when(command).thenThrows(IllegalStateError, /^tie is already ended$/);
  });

  it('may be declared again: a new proposal, forgetting the old confirmation', () => {
    spec.given(endedTie).when(declare({ now: T2, lastContactOn: undefined })).thenState((s) => {
      expect(s).toEqual({
        status: 'proposed',
        tieId,
        people,
        proposedBy: alice,
        kinds: ['classmates', 'partner'],
        strength: 3,
        visibility: { [alice]: 'members' },
        effective: 'private',
      } satisfies TieState);
    });
  });

  it('must be confirmed again after a new declaration', () => {
    spec.given([...endedTie, declared({ at: T2 })]).when(contact(alice, '2026-03-03')).thenThrows(IllegalStateError, /^tie is not confirmed yet$/);
    spec.given([...endedTie, declared({ at: T2 })]).when(confirm(bob, 'members', T2)).then([{ ...confirmed('members'), data: { ...confirmed('members').data, at: T2 } }]);
  });
});

describe('erased tie', () => {
  it.each([
    ['DeclareTie by the survivor', declare({ now: T2 })],
    ['ConfirmTie', confirm(bob)],
    ['DeclineTie', decline(bob)],
    ['UpdateTie', update(alice, { strength: 1 })],
    ['RecordContact', contact(alice, '2026-03-02')],
    ['ChangeTieVisibility', changeVisibility(alice, 'private')],
    ['EndTie', end(alice)],
  ])('answers %s with "tie not found"', (_name, command) => {
    spec.given(erasedTie).when(command).thenThrows(NotFoundError, /^tie not found$/);
  });

  it('is erased only once', () => {
    spec.given(erasedTie).when(erase(bob)).thenNothingHappens();
    spec.given(erasedTie).when(erase(alice)).thenNothingHappens();
  });

  it('answers the erasure of someone else with "tie not found"', () => {
    spec.given(erasedTie).when(erase(mallory)).thenThrows(NotFoundError, /^tie not found$/);
  });

  it('is private in the state', () => {
    spec.given(active).when(erase(bob)).thenState((s) => expect(s).toMatchObject({ status: 'erased', effective: 'private' }));
  });
});
