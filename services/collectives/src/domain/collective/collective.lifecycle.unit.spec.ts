import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { CollectiveCommand, ProposeCollective } from './collective.commands';
import { Collective, CollectiveState, DEFAULT_GOVERNANCE, collectiveDecider, collectiveStreamId, collectives } from './collective.decider';
import { CollectiveChanges, CollectiveEvent, CollectiveProposed } from './collective.events';

const spec = DeciderSpecification.for(collectiveDecider);

const T0 = '2026-01-10T09:00:00.000Z'; // proposed
const T1 = '2026-01-11T09:00:00.000Z'; // forming, first members join
const T2 = '2026-01-12T09:00:00.000Z'; // election called
const T3 = '2026-01-15T09:00:00.000Z'; // election closes, leader elected
const TERM_END = '2026-07-15T09:00:00.000Z';
const T4 = '2026-02-01T09:00:00.000Z'; // activated
const T5 = '2026-03-01T09:00:00.000Z'; // delivering
const T6 = '2026-04-01T09:00:00.000Z'; // dissolving
const NOW = '2026-05-01T09:00:00.000Z';
const AFTER_TERM = '2026-08-01T09:00:00.000Z';

const collectiveId = 'col-usinage';
const ines = 'p-ines'; // initiator
const bob = 'p-bob'; // elected leader
const cleo = 'p-cleo';
const gus = 'p-gus'; // guest
const outsider = 'p-out';

type Status = Collective['status'];
type OtherCommand = Exclude<CollectiveCommand['type'], 'ProposeCollective' | 'ErasePerson'>;

const ev = <T extends CollectiveEvent['type']>(type: T, data: Record<string, unknown> = {}, by = ines, at = T1): CollectiveEvent =>
  ({ type, data: { collectiveId, ...data, by, at } }) as CollectiveEvent;

const cmd = (type: OtherCommand, extra: Record<string, unknown> = {}, by = bob, now = NOW): CollectiveCommand => ({ type, data: { by, now, ...extra } }) as CollectiveCommand;

const propose = (over: Record<string, unknown> = {}): CollectiveCommand =>
  ({
    type: 'ProposeCollective',
    data: {
      collectiveId,
      name: '  Atelier usinage  ',
      purpose: ' Mutualiser un centre d’usinage 5 axes ',
      occasion: { kind: 'purpose', title: ' Centre partagé ' },
      rhythm: 'monthly',
      access: 'open',
      companyId: 'co-ines',
      by: ines,
      now: T0,
      ...over,
    },
  }) as ProposeCollective;

const proposedData: CollectiveProposed['data'] = {
  collectiveId,
  name: 'Atelier usinage',
  purpose: 'Mutualiser un centre d’usinage 5 axes',
  occasion: { kind: 'purpose', title: 'Centre partagé' },
  rhythm: 'monthly',
  access: 'open',
  perimeter: { territories: [], sectors: [] },
  minMembers: 3,
  governance: { mode: 'election', termMonths: 6, quorum: 0.5, rotationDays: 30 },
  companyId: 'co-ines',
  by: ines,
  at: T0,
};
const proposed: CollectiveEvent = { type: 'CollectiveProposed', data: proposedData };
const proposedWith = (over: Partial<CollectiveProposed['data']>): CollectiveEvent => ({ type: 'CollectiveProposed', data: { ...proposedData, ...over } });

/** A CollectiveUpdated: the changes, and the whole public definition after them. */
const updated = (changes: CollectiveChanges, by: string, at: string, before: CollectiveProposed['data'] = proposedData): CollectiveEvent => {
  const after = { ...before, ...changes };
  const expectedEnd = changes.expectedEnd === '' ? undefined : (changes.expectedEnd ?? before.expectedEnd);
  const definition = { name: after.name, occasion: after.occasion, rhythm: after.rhythm, access: after.access, perimeter: after.perimeter, ...(expectedEnd ? { expectedEnd } : {}), initiator: ines, ...(before.companyId ? { initiatorCompanyId: before.companyId } : {}) };
  return ev('CollectiveUpdated', { changes, definition }, by, at);
};

const forming = ev('FormingStarted', {}, ines, T1);
const joined = (personId: string, at = T1, role: 'member' | 'guest' = 'member'): CollectiveEvent =>
  ev('MemberJoined', { personId, role, ...(role === 'member' ? { companyId: `co-${personId.slice(2)}` } : {}) }, personId, at);
const called = ev('ElectionCalled', { electionId: 'el-1', seats: 1, closesAt: T3, electorate: [bob, cleo, ines], quorum: 2 }, ines, T2);
const elected = (leaders: string[], electionId = 'el-1', termEnds = TERM_END): CollectiveEvent =>
  ev('LeadersElected', { electionId, leaders, previous: [], tally: leaders.map((personId) => ({ personId, votes: 2, contribution: 0 })), turnout: 2, termEnds }, 'system', T3);
const activated = ev('CollectiveActivated', { members: 3, leaders: [bob] }, bob, T4);
const delivering = ev('DeliveryStarted', {}, bob, T5);
const dissolved = ev('CollectiveDissolved', { activeFrom: T4, alumni: [], ties: 0 }, bob, T6);
const archived = ev('CollectiveArchived', {}, bob, NOW);

/** ines proposes; bob and cleo join; bob is elected leader (until TERM_END); then the lifecycle moves on. */
const GATHERED = [proposed, forming, joined(bob), joined(cleo), called, elected([bob])];
const REACH: Record<Status, CollectiveEvent[]> = {
  proposed: [proposed],
  forming: GATHERED,
  active: [...GATHERED, activated],
  delivering: [...GATHERED, activated, delivering],
  dissolving: [...GATHERED, activated, dissolved],
  archived: [...GATHERED, activated, dissolved, archived],
};
const STATUSES = Object.keys(REACH) as Status[];

const collective = (events: CollectiveEvent[]): Collective => {
  const state: CollectiveState = events.reduce(collectiveDecider.evolve, collectiveDecider.initialState());
  if (state.status === 'none') throw new Error('no collective');
  return state;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('streams', () => {
  it('are collective-<id>, and the command handler uses them', () => {
    expect(collectiveStreamId('abc')).toBe('collective-abc');
    expect(collectives.streamId('abc')).toBe('collective-abc');
  });
});

describe('ProposeCollective', () => {
  it('records the proposal with trimmed text and the defaults: empty perimeter, 3 members, elections for 6 months at half the electorate', () => {
    spec.given([]).when(propose()).then([proposed]);
    expect(DEFAULT_GOVERNANCE).toEqual({ mode: 'election', termMonths: 6, quorum: 0.5, rotationDays: 30 });
  });

  it('evolves into a proposed collective whose initiator is its only member, with an open stint', () => {
    expect(collective([proposed])).toMatchObject({
      status: 'proposed',
      initiator: ines,
      members: { [ines]: { personId: ines, role: 'initiator', companyId: 'co-ines', since: T0 } },
      stints: [{ personId: ines, companyId: 'co-ines', from: T0 }],
      createdAt: T0,
    });
  });

  it('leaves out the company when none is named', () => {
    const { companyId: _c, ...withoutCompany } = proposedData;
    spec.given([]).when(propose({ companyId: undefined })).then([{ type: 'CollectiveProposed', data: withoutCompany }]);
  });

  it('keeps every optional field: dated occasion, perimeter, expected end, minimum size, governance', () => {
    spec
      .given([])
      .when(
        propose({
          occasion: { kind: 'event', title: 'Salon Global Industrie', date: '2026-03-10' },
          perimeter: { territories: ['terr-b', 'terr-a', 'terr-b'], sectors: ['2562', ' 25.62 ', '28', '256', '25.62a'] },
          expectedEnd: '2026-01-11',
          minMembers: 2,
          governance: { mode: 'rotation', termMonths: 24, quorum: 1, rotationDays: 7 },
        }),
      )
      .then([
        proposedWith({
          occasion: { kind: 'event', title: 'Salon Global Industrie', date: '2026-03-10' },
          perimeter: { territories: ['terr-a', 'terr-b'], sectors: ['25.6', '25.62', '25.62A', '28'] },
          expectedEnd: '2026-01-11',
          minMembers: 2,
          governance: { mode: 'rotation', termMonths: 24, quorum: 1, rotationDays: 7 },
        }),
      ]);
  });

  it('fills in the governance fields left out', () => {
    spec
      .given([])
      .when(propose({ governance: { mode: 'rotation' }, minMembers: 150 }))
      .then([proposedWith({ governance: { mode: 'rotation', termMonths: 6, quorum: 0.5, rotationDays: 30 }, minMembers: 150 })]);
  });

  it.each([
    ['2562', '25.62'],
    ['25', '25'],
    ['25.6', '25.6'],
    [' 25 62 a ', '25.62A'],
    ['0111', '01.11'],
  ])('normalises the sector %p to %p', (raw, expected) => {
    spec
      .given([])
      .when(propose({ perimeter: { sectors: [raw] } }))
      .then([proposedWith({ perimeter: { territories: [], sectors: [expected] } })]);
  });

  it.each([
    ['00', 'division 00 does not exist in NAF rev. 2'],
    ['04.1', 'division 04 does not exist in NAF rev. 2'],
    ['34', 'division 34 does not exist in NAF rev. 2'],
    ['2', 'must be a NAF rev. 2 prefix: 25, 25.6, 25.62 or 25.62A'],
    ['25.6A', 'must be a NAF rev. 2 prefix: 25, 25.6, 25.62 or 25.62A'],
    [25, 'must be a NAF rev. 2 prefix: 25, 25.6, 25.62 or 25.62A'],
  ])('refuses the sector %p: %s', (raw, message) => {
    expect(spec.given([]).when(propose({ perimeter: { sectors: ['28', raw] } })).thenValidationDetails()).toEqual([{ field: 'perimeter.sectors[1]', message }]);
  });

  it.each([
    [{ territories: 'terr-a' }, [{ field: 'perimeter.territories', message: 'must be a list' }]],
    [{ territories: ['terr-a', ''] }, [{ field: 'perimeter.territories[1]', message: 'is required' }]],
    [{ territories: Array.from({ length: 101 }, (_, i) => `t${i}`) }, [{ field: 'perimeter.territories', message: 'must hold at most 100 entries' }]],
    [{ sectors: '25' }, [{ field: 'perimeter.sectors', message: 'must be a list' }]],
    [{ sectors: Array.from({ length: 101 }, () => '25') }, [{ field: 'perimeter.sectors', message: 'must hold at most 100 entries' }]],
    ['everywhere', [{ field: 'perimeter', message: 'must be an object' }]],
    [['terr-a'], [{ field: 'perimeter', message: 'must be an object' }]],
  ])('refuses the perimeter %j', (perimeter, details) => {
    expect(spec.given([]).when(propose({ perimeter })).thenValidationDetails()).toEqual(details);
  });

  it.each([
    ['name', undefined, 'is required'],
    ['name', '   ', 'must not be empty'],
    ['name', 'n'.repeat(121), 'must be at most 120 characters'],
    ['purpose', 42, 'is required'],
    ['purpose', '', 'must not be empty'],
    ['purpose', 'p'.repeat(4001), 'must be at most 4000 characters'],
    ['rhythm', 'daily', 'must be one of one_off, weekly, fortnightly, monthly, quarterly, irregular'],
    ['rhythm', undefined, 'must be one of one_off, weekly, fortnightly, monthly, quarterly, irregular'],
    ['access', 'closed', 'must be one of open, invitation'],
    ['expectedEnd', '2026-01-10', 'must be after today'],
    ['expectedEnd', '2025-12-31', 'must be after today'],
    ['expectedEnd', '2026-02-30', 'must be a date YYYY-MM-DD'],
    ['expectedEnd', '10/01/2027', 'must be a date YYYY-MM-DD'],
    ['minMembers', 1, 'must be a whole number from 2 to 150'],
    ['minMembers', 151, 'must be a whole number from 2 to 150'],
    ['minMembers', 2.5, 'must be a whole number from 2 to 150'],
    ['minMembers', '3', 'must be a whole number from 2 to 150'],
    ['companyId', '', 'is required'],
    ['collectiveId', '', 'is required'],
    ['by', undefined, 'is required'],
    ['now', '2026-01-10', 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z'],
  ])('refuses %s = %p: %s', (field, value, message) => {
    expect(spec.given([]).when(propose({ [field]: value })).thenValidationDetails()).toEqual([{ field, message }]);
  });

  it.each([
    ['a calendar date', 'event', 'Salon', '2026-02-30', [{ field: 'occasion.date', message: 'must be a calendar date YYYY-MM-DD' }]],
    ['a date shaped YYYY-MM-DD', 'event', 'Salon', '2026-3-1', [{ field: 'occasion.date', message: 'must be a calendar date YYYY-MM-DD' }]],
    ['a known kind', 'party', 'Salon', undefined, [{ field: 'occasion.kind', message: 'must be one of event, purpose, pretext' }]],
    ['a title', 'pretext', '  ', undefined, [{ field: 'occasion.title', message: 'must not be empty' }]],
    ['a short title', 'pretext', 't'.repeat(201), undefined, [{ field: 'occasion.title', message: 'must be at most 200 characters' }]],
  ])('requires the occasion to have %s', (_what, kind, title, date, details) => {
    expect(spec.given([]).when(propose({ occasion: { kind, title, ...(date !== undefined ? { date } : {}) } })).thenValidationDetails()).toEqual(details);
  });

  it('requires an occasion object', () => {
    expect(spec.given([]).when(propose({ occasion: 'dinner' })).thenValidationDetails()).toEqual([{ field: 'occasion', message: 'must be an object' }]);
    expect(spec.given([]).when(propose({ occasion: undefined })).thenValidationDetails()).toEqual([{ field: 'occasion', message: 'must be an object' }]);
  });

  it.each([
    [{ mode: 'vote' }, 'governance.mode', 'must be one of election, rotation'],
    [{ mode: 'election', termMonths: 0 }, 'governance.termMonths', 'must be a whole number from 1 to 24'],
    [{ mode: 'election', termMonths: 25 }, 'governance.termMonths', 'must be a whole number from 1 to 24'],
    [{ mode: 'election', termMonths: 1.5 }, 'governance.termMonths', 'must be a whole number from 1 to 24'],
    [{ mode: 'election', quorum: 0.09 }, 'governance.quorum', 'must be a share of the electorate from 0.1 to 1'],
    [{ mode: 'election', quorum: 1.01 }, 'governance.quorum', 'must be a share of the electorate from 0.1 to 1'],
    [{ mode: 'election', quorum: Number.NaN }, 'governance.quorum', 'must be a share of the electorate from 0.1 to 1'],
    [{ mode: 'election', quorum: '0.5' }, 'governance.quorum', 'must be a share of the electorate from 0.1 to 1'],
    [{ mode: 'rotation', rotationDays: 6 }, 'governance.rotationDays', 'must be a whole number from 7 to 365'],
    [{ mode: 'rotation', rotationDays: 366 }, 'governance.rotationDays', 'must be a whole number from 7 to 365'],
    ['election', 'governance', 'must be an object'],
  ])('refuses the governance %j', (governance, field, message) => {
    expect(spec.given([]).when(propose({ governance })).thenValidationDetails()).toEqual([{ field, message }]);
  });

  it('accepts the bounds of the governance: 1 month, a tenth of the electorate, 365 days', () => {
    spec
      .given([])
      .when(propose({ governance: { mode: 'election', termMonths: 1, quorum: 0.1, rotationDays: 365 } }))
      .then([proposedWith({ governance: { mode: 'election', termMonths: 1, quorum: 0.1, rotationDays: 365 } })]);
  });

  it('reports every bad field at once', () => {
    expect(
      spec
        .given([])
        .when(
          propose({
            collectiveId: '',
            name: '  ',
            purpose: 'x'.repeat(4001),
            occasion: { kind: 'party', title: '', date: '2026-02-30' },
            rhythm: 'daily',
            access: 'closed',
            perimeter: { territories: 'terr-a', sectors: ['25', '04.1', '2x'] },
            expectedEnd: '2026-01-10',
            minMembers: 1,
            governance: { mode: 'vote', termMonths: 25, quorum: 0.05, rotationDays: 6 },
            companyId: '',
            by: '',
          }),
        )
        .thenValidationDetails(),
    ).toEqual([
      { field: 'collectiveId', message: 'is required' },
      { field: 'name', message: 'must not be empty' },
      { field: 'purpose', message: 'must be at most 4000 characters' },
      { field: 'occasion.kind', message: 'must be one of event, purpose, pretext' },
      { field: 'occasion.title', message: 'must not be empty' },
      { field: 'occasion.date', message: 'must be a calendar date YYYY-MM-DD' },
      { field: 'rhythm', message: 'must be one of one_off, weekly, fortnightly, monthly, quarterly, irregular' },
      { field: 'access', message: 'must be one of open, invitation' },
      { field: 'perimeter.territories', message: 'must be a list' },
      { field: 'perimeter.sectors[1]', message: 'division 04 does not exist in NAF rev. 2' },
      { field: 'perimeter.sectors[2]', message: 'must be a NAF rev. 2 prefix: 25, 25.6, 25.62 or 25.62A' },
      { field: 'expectedEnd', message: 'must be after today' },
      { field: 'minMembers', message: 'must be a whole number from 2 to 150' },
      { field: 'governance.mode', message: 'must be one of election, rotation' },
      { field: 'governance.termMonths', message: 'must be a whole number from 1 to 24' },
      { field: 'governance.quorum', message: 'must be a share of the electorate from 0.1 to 1' },
      { field: 'governance.rotationDays', message: 'must be a whole number from 7 to 365' },
      { field: 'companyId', message: 'is required' },
      { field: 'by', message: 'is required' },
    ]);
  });

  it('skips the "after today" check when now itself is bad, and reports now', () => {
    expect(spec.given([]).when(propose({ expectedEnd: '2020-01-01', now: 'yesterday' })).thenValidationDetails()).toEqual([
      { field: 'now', message: 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z' },
    ]);
  });

  it.each(STATUSES)('refuses a second proposal with the same id (%s)', (status) => {
    spec.given(REACH[status]).when(propose()).thenThrows(IllegalStateError, /^collective already exists$/);
  });
});

describe('a collective that does not exist', () => {
  it.each(['UpdateCollective', 'StartForming', 'Join', 'Archive', 'HideContent'] as OtherCommand[])('%s -> not found', (type) => {
    spec.given([]).when(cmd(type, { name: 'x', reason: 'r' })).thenThrows(NotFoundError, /^collective not found$/);
  });
});

describe('UpdateCollective', () => {
  const withEnd = proposedWith({ expectedEnd: '2026-06-30' });

  it('records only the fields that changed, normalised', () => {
    spec
      .given([proposed])
      .when(
        cmd(
          'UpdateCollective',
          {
            name: ' Atelier usinage ',
            purpose: ' Acheter ensemble ',
            occasion: { kind: 'purpose', title: 'Centre partagé' },
            rhythm: 'weekly',
            access: 'invitation',
            perimeter: { territories: ['terr-b', 'terr-a'], sectors: ['2562'] },
            expectedEnd: '2026-12-31',
            minMembers: 4,
          },
          ines,
        ),
      )
      .then([
        updated(
          {
            purpose: 'Acheter ensemble',
            rhythm: 'weekly',
            access: 'invitation',
            perimeter: { territories: ['terr-a', 'terr-b'], sectors: ['25.62'] },
            expectedEnd: '2026-12-31',
            minMembers: 4,
          },
          ines,
          NOW,
        ),
      ]);
  });

  it('publishes the whole public definition after the change, the expected end it keeps included', () => {
    spec
      .given([withEnd])
      .when(cmd('UpdateCollective', { rhythm: 'weekly' }, ines))
      .then([
        ev(
          'CollectiveUpdated',
          {
            changes: { rhythm: 'weekly' },
            definition: {
              name: 'Atelier usinage',
              occasion: { kind: 'purpose', title: 'Centre partagé' },
              rhythm: 'weekly',
              access: 'open',
              perimeter: { territories: [], sectors: [] },
              expectedEnd: '2026-06-30',
              initiator: ines,
              initiatorCompanyId: 'co-ines',
            },
          },
          ines,
          NOW,
        ),
      ]);
  });

  it('evolves the description', () => {
    spec
      .given([withEnd])
      .when(cmd('UpdateCollective', { name: 'Usinage mutualisé', minMembers: 5 }, ines))
      .thenState((s) => expect(s).toMatchObject({ name: 'Usinage mutualisé', minMembers: 5, expectedEnd: '2026-06-30', purpose: proposedData.purpose }));
  });

  it('does nothing when nothing changes', () => {
    spec
      .given([withEnd])
      .when(cmd('UpdateCollective', { name: '  Atelier usinage', rhythm: 'monthly', minMembers: 3, expectedEnd: '2026-06-30', perimeter: {} }, ines))
      .thenNothingHappens();
    spec.given([proposed]).when(cmd('UpdateCollective', {}, ines)).thenNothingHappens();
  });

  it("removes the expected end with ''", () => {
    spec
      .given([withEnd])
      .when(cmd('UpdateCollective', { expectedEnd: '' }, ines))
      .then([updated({ expectedEnd: '' }, ines, NOW, { ...proposedData, expectedEnd: '2026-06-30' })]);
    spec
      .given([withEnd])
      .when(cmd('UpdateCollective', { expectedEnd: '' }, ines))
      .thenState((s) => expect(s).not.toHaveProperty('expectedEnd'));
  });

  it("does nothing when '' removes an expected end there is not", () => {
    spec.given([proposed]).when(cmd('UpdateCollective', { expectedEnd: '' }, ines)).thenNothingHappens();
  });

  it('is for the organisers: the initiator while there is no leader, then the current leaders only', () => {
    spec
      .given([proposed])
      .when(cmd('UpdateCollective', { name: 'X' }, bob))
      .thenThrows(ForbiddenError, /^only the collective's leaders \(or its initiator while it has none\) can change its description$/);
    spec.given(REACH.forming).when(cmd('UpdateCollective', { name: 'X' }, ines)).thenThrows(ForbiddenError, /can change its description$/);
    spec.given(REACH.forming).when(cmd('UpdateCollective', { name: 'X' }, cleo)).thenThrows(ForbiddenError, /can change its description$/);
    spec
      .given(REACH.active)
      .when(cmd('UpdateCollective', { name: 'X' }, bob))
      .then([updated({ name: 'X' }, bob, NOW)]);
    // once bob's term ended, the initiator organises again
    spec
      .given(REACH.active)
      .when(cmd('UpdateCollective', { name: 'X' }, ines, AFTER_TERM))
      .then([updated({ name: 'X' }, ines, AFTER_TERM)]);
  });

  it('changes the minimum size only before the collective is active', () => {
    spec
      .given(REACH.forming)
      .when(cmd('UpdateCollective', { minMembers: 2 }))
      .then([updated({ minMembers: 2 }, bob, NOW)]);
    spec.given(REACH.active).when(cmd('UpdateCollective', { minMembers: 2 })).thenThrows(IllegalStateError, /^cannot change the minimum size: the collective is active$/);
    spec.given(REACH.delivering).when(cmd('UpdateCollective', { minMembers: 4 })).thenThrows(IllegalStateError, /^cannot change the minimum size: the collective is delivering$/);
    spec.given(REACH.active).when(cmd('UpdateCollective', { minMembers: 3 })).thenNothingHappens();
  });

  it('is refused once the collective is dissolving', () => {
    spec.given(REACH.dissolving).when(cmd('UpdateCollective', { name: 'X' })).thenThrows(IllegalStateError, /^cannot change its description: the collective is dissolving$/);
  });

  it('reports every bad field at once', () => {
    expect(
      spec
        .given([proposed])
        .when(
          cmd(
            'UpdateCollective',
            {
              name: '',
              purpose: 7,
              occasion: { kind: 'event', title: 'Salon', date: '2026-13-01' },
              rhythm: 'hourly',
              access: 'public',
              perimeter: { sectors: ['99.9', '00'] },
              expectedEnd: '2026-05-01',
              minMembers: 151,
              now: NOW,
            },
            ines,
          ),
        )
        .thenValidationDetails(),
    ).toEqual([
      { field: 'name', message: 'must not be empty' },
      { field: 'purpose', message: 'is required' },
      { field: 'occasion.date', message: 'must be a calendar date YYYY-MM-DD' },
      { field: 'rhythm', message: 'must be one of one_off, weekly, fortnightly, monthly, quarterly, irregular' },
      { field: 'access', message: 'must be one of open, invitation' },
      { field: 'perimeter.sectors[1]', message: 'division 00 does not exist in NAF rev. 2' },
      { field: 'expectedEnd', message: 'must be after today' },
      { field: 'minMembers', message: 'must be a whole number from 2 to 150' },
    ]);
  });
});

describe('lifecycle transitions', () => {
  const TRANSITIONS = ['StartForming', 'Activate', 'StartDelivering', 'Dissolve', 'Archive', 'CancelCollective'] as const;
  type Transition = (typeof TRANSITIONS)[number];
  const WHAT: Record<Transition, string> = {
    StartForming: 'start gathering members',
    Activate: 'activate it',
    StartDelivering: 'start delivering',
    Dissolve: 'dissolve it',
    Archive: 'archive it',
    CancelCollective: 'cancel it',
  };
  const ALLOWED: Record<Status, Transition[]> = {
    proposed: ['StartForming', 'CancelCollective'],
    forming: ['Activate', 'CancelCollective'],
    active: ['StartDelivering', 'Dissolve'],
    delivering: ['Dissolve'],
    dissolving: ['Archive'],
    archived: [],
  };
  const forbidden = STATUSES.flatMap((status) => TRANSITIONS.filter((t) => !ALLOWED[status].includes(t)).map((t) => [status, t] as const));

  it('the table covers 36 cases, 8 of them allowed', () => {
    expect(forbidden).toHaveLength(36 - 8);
  });

  it.each(forbidden)('%s refuses %s', (status, transition) => {
    const message = status === 'archived' ? /^the collective is archived and takes no command$/ : new RegExp(`^cannot ${escape(WHAT[transition])}: the collective is ${status}\\b`);
    // the status is checked before the actor: a leader, the initiator or the scheduler all get the same answer
    for (const by of [bob, ines, 'system']) spec.given(REACH[status]).when(cmd(transition, { reason: 'Plus de besoin' }, by)).thenThrows(IllegalStateError, message);
  });

  it('explains that an active collective is dissolved rather than cancelled', () => {
    spec
      .given(REACH.active)
      .when(cmd('CancelCollective', { reason: 'x' }))
      .thenThrows(IllegalStateError, /^cannot cancel it: the collective is active \(an active collective is dissolved by its leaders, and keeps its alumni\)$/);
  });

  describe('StartForming (proposed -> forming)', () => {
    it('opens the collective to members, by its initiator', () => {
      spec.given([proposed]).when(cmd('StartForming', {}, ines, T1)).then([forming]);
      spec
        .given([proposed])
        .when(cmd('StartForming', {}, ines, T1))
        .thenState((s) => expect(s.status).toBe('forming'));
    });

    it('is refused to anyone else', () => {
      spec.given([proposed]).when(cmd('StartForming', {}, bob)).thenThrows(ForbiddenError, /^only the collective's leaders \(or its initiator while it has none\) can open it to members$/);
      spec.given([proposed]).when(cmd('StartForming', {}, 'system')).thenThrows(ForbiddenError, /can open it to members$/);
    });

    it('reports bad by and now at once', () => {
      expect(spec.given([proposed]).when(cmd('StartForming', {}, '', 'now')).thenValidationDetails()).toEqual([
        { field: 'by', message: 'is required' },
        { field: 'now', message: 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z' },
      ]);
    });
  });

  describe('Activate (forming -> active)', () => {
    it('activates with the current leaders and the count of full members (guests not counted)', () => {
      spec
        .given([...REACH.forming, ev('MemberInvited', { personId: gus, role: 'guest' }, bob), joined(gus, T2, 'guest')])
        .when(cmd('Activate', {}, bob, T4))
        .then([activated]);
      spec
        .given(REACH.forming)
        .when(cmd('Activate', {}, bob, T4))
        .thenState((s) => expect(s).toMatchObject({ status: 'active', activatedAt: T4 }));
    });

    it('is refused without a current leader (elections)', () => {
      spec
        .given([proposed, forming, joined(bob), joined(cleo)])
        .when(cmd('Activate', {}, ines))
        .thenThrows(IllegalStateError, /^cannot activate without a leader: the members elect one first$/);
    });

    it('is refused without a current leader (rotation)', () => {
      spec
        .given([proposedWith({ governance: { ...DEFAULT_GOVERNANCE, mode: 'rotation' } }), forming, joined(bob), joined(cleo)])
        .when(cmd('Activate', {}, ines))
        .thenThrows(IllegalStateError, /^cannot activate without a leader: let the lead rotate first$/);
    });

    it('is refused once the only leader’s term has ended (the initiator organises again, but there is no leader)', () => {
      spec.given(REACH.forming).when(cmd('Activate', {}, ines, AFTER_TERM)).thenThrows(IllegalStateError, /^cannot activate without a leader/);
      spec.given(REACH.forming).when(cmd('Activate', {}, bob, AFTER_TERM)).thenThrows(ForbiddenError, /can activate it$/);
    });

    it('is refused below the minimum size, naming the counts (guests do not count)', () => {
      spec
        .given([proposedWith({ minMembers: 4 }), ...REACH.forming.slice(1), ev('MemberInvited', { personId: gus, role: 'guest' }, bob), joined(gus, T2, 'guest')])
        .when(cmd('Activate', {}, bob))
        .thenThrows(IllegalStateError, /^cannot activate with 3 members: it needs at least 4$/);
      const alone = [
        proposedWith({ minMembers: 2 }),
        forming,
        ev('ElectionCalled', { electionId: 'el-1', seats: 1, closesAt: T3, electorate: [ines], quorum: 1 }, ines, T2),
        elected([ines]),
      ];
      spec.given(alone).when(cmd('Activate', {}, ines)).thenThrows(IllegalStateError, /^cannot activate with 1 member: it needs at least 2$/);
      spec
        .given([...alone, joined(bob)])
        .when(cmd('Activate', {}, ines))
        .then([ev('CollectiveActivated', { members: 2, leaders: [ines] }, ines, NOW)]);
    });

    it('is refused (403) to anyone but the organisers', () => {
      for (const by of [cleo, ines, outsider, 'system']) {
        spec.given(REACH.forming).when(cmd('Activate', {}, by)).thenThrows(ForbiddenError, /^only the collective's leaders \(or its initiator while it has none\) can activate it$/);
      }
    });
  });

  describe('StartDelivering (active -> delivering)', () => {
    it('is for the current leaders', () => {
      spec.given(REACH.active).when(cmd('StartDelivering', {}, bob, T5)).then([delivering]);
      spec
        .given(REACH.active)
        .when(cmd('StartDelivering', {}, bob, T5))
        .thenState((s) => expect(s.status).toBe('delivering'));
    });

    it('is refused to members, the initiator, and a leader whose term ended', () => {
      for (const by of [cleo, ines, 'system']) {
        spec.given(REACH.active).when(cmd('StartDelivering', {}, by)).thenThrows(ForbiddenError, /^only the collective's leaders can move it to delivering$/);
      }
      spec.given(REACH.active).when(cmd('StartDelivering', {}, bob, AFTER_TERM)).thenThrows(ForbiddenError, /^only the collective's leaders can move it to delivering$/);
    });
  });

  describe('Dissolve (active | delivering -> dissolving)', () => {
    const expected = (reason?: string): CollectiveEvent[] => [
      ev(
        'CollectiveDissolved',
        {
          ...(reason ? { reason } : {}),
          activeFrom: T4,
          alumni: [
            { personId: bob, companyId: 'co-bob', from: T4, to: NOW },
            { personId: cleo, companyId: 'co-cleo', from: T4, to: NOW },
            { personId: ines, companyId: 'co-ines', from: T4, to: NOW },
          ],
          ties: 3,
        },
        bob,
        NOW,
      ),
      ...[
        [bob, cleo],
        [bob, ines],
        [cleo, ines],
      ].map(([a, b]) =>
        ev('AlumniTieFormed', { collectiveName: 'Atelier usinage', personIds: [a, b], companyIds: [`co-${a.slice(2)}`, `co-${b.slice(2)}`], from: T4, to: NOW }, bob, NOW),
      ),
    ];

    it.each(['active', 'delivering'] as const)('dissolves a %s collective, recording its alumni and their ties', (status) => {
      spec.given(REACH[status]).when(cmd('Dissolve', { reason: '  Mission accomplie ' })).then(expected('Mission accomplie'));
      spec.given(REACH[status]).when(cmd('Dissolve', { reason: '   ' })).then(expected());
      spec
        .given(REACH[status])
        .when(cmd('Dissolve'))
        .thenState((s) => expect(s.status).toBe('dissolving'));
    });

    it('is for the current leaders only', () => {
      for (const by of [cleo, ines, 'system']) spec.given(REACH.delivering).when(cmd('Dissolve', {}, by)).thenThrows(ForbiddenError, /^only the collective's leaders can dissolve it$/);
      spec.given(REACH.active).when(cmd('Dissolve', {}, bob, AFTER_TERM)).thenThrows(ForbiddenError, /^only the collective's leaders can dissolve it$/);
    });

    it('refuses a reason over 1000 characters', () => {
      expect(spec.given(REACH.active).when(cmd('Dissolve', { reason: 'r'.repeat(1001) })).thenValidationDetails()).toEqual([
        { field: 'reason', message: 'must be at most 1000 characters' },
      ]);
    });
  });

  describe('Archive (dissolving -> archived)', () => {
    it('is done by a leader, even once their term has ended, or by the scheduler', () => {
      spec.given(REACH.dissolving).when(cmd('Archive', {}, bob)).then([archived]);
      spec.given(REACH.dissolving).when(cmd('Archive', {}, bob, AFTER_TERM)).then([ev('CollectiveArchived', {}, bob, AFTER_TERM)]);
      spec.given(REACH.dissolving).when(cmd('Archive', {}, 'system')).then([ev('CollectiveArchived', {}, 'system', NOW)]);
      spec
        .given(REACH.dissolving)
        .when(cmd('Archive', {}, 'system'))
        .thenState((s) => expect(s.status).toBe('archived'));
    });

    it('is refused to members, the initiator and outsiders', () => {
      for (const by of [cleo, ines, outsider]) spec.given(REACH.dissolving).when(cmd('Archive', {}, by)).thenThrows(ForbiddenError, /^only the collective's leaders can archive it$/);
    });
  });

  describe('CancelCollective (proposed | forming -> archived)', () => {
    it('cancels a proposal, by its initiator', () => {
      spec
        .given([proposed])
        .when(cmd('CancelCollective', { reason: ' Pas assez d’intérêt ' }, ines))
        .then([ev('CollectiveCancelled', { reason: 'Pas assez d’intérêt', from: 'proposed' }, ines, NOW)]);
    });

    it('cancels a forming collective, by its organisers, clearing invitations and closing elections', () => {
      const given = [proposed, forming, joined(bob), joined(cleo), ev('MemberInvited', { personId: outsider, role: 'member' }, bob), called];
      spec
        .given(given)
        .when(cmd('CancelCollective', { reason: 'Abandon' }, ines))
        .then([ev('CollectiveCancelled', { reason: 'Abandon', from: 'forming' }, ines, NOW)]);
      spec
        .given(given)
        .when(cmd('CancelCollective', { reason: 'Abandon' }, ines))
        .thenState((s) => expect(s).toMatchObject({ status: 'archived', invitations: {}, elections: { 'el-1': { open: false } } }));
      spec
        .given(REACH.forming)
        .when(cmd('CancelCollective', { reason: 'Abandon' }, bob))
        .then([ev('CollectiveCancelled', { reason: 'Abandon', from: 'forming' }, bob, NOW)]);
    });

    it('is refused to anyone but the organisers', () => {
      spec.given([proposed]).when(cmd('CancelCollective', { reason: 'x' }, bob)).thenThrows(ForbiddenError, /^only the collective's leaders \(or its initiator while it has none\) can cancel it$/);
      spec.given(REACH.forming).when(cmd('CancelCollective', { reason: 'x' }, ines)).thenThrows(ForbiddenError, /can cancel it$/);
      spec.given(REACH.forming).when(cmd('CancelCollective', { reason: 'x' }, cleo)).thenThrows(ForbiddenError, /can cancel it$/);
    });

    it('needs a reason', () => {
      expect(spec.given([proposed]).when(cmd('CancelCollective', {}, ines)).thenValidationDetails()).toEqual([{ field: 'reason', message: 'is required' }]);
      expect(spec.given([proposed]).when(cmd('CancelCollective', { reason: ' ' }, ines)).thenValidationDetails()).toEqual([{ field: 'reason', message: 'must not be empty' }]);
    });

    it.each(['active', 'delivering', 'dissolving'] as const)('is not possible once %s', (status) => {
      spec.given(REACH[status]).when(cmd('CancelCollective', { reason: 'x' })).thenThrows(IllegalStateError, new RegExp(`^cannot cancel it: the collective is ${status} `));
    });
  });
});

describe('an archived collective', () => {
  const target = { kind: 'announcement', id: 'an-1' };
  const EVERY: Record<OtherCommand, CollectiveCommand> = {
    UpdateCollective: cmd('UpdateCollective', { name: 'X' }),
    StartForming: cmd('StartForming'),
    Activate: cmd('Activate'),
    StartDelivering: cmd('StartDelivering'),
    Dissolve: cmd('Dissolve'),
    Archive: cmd('Archive', {}, 'system'),
    CancelCollective: cmd('CancelCollective', { reason: 'x' }),
    InviteMember: cmd('InviteMember', { personId: outsider }),
    DeclineInvitation: cmd('DeclineInvitation', {}, outsider),
    Join: cmd('Join', {}, outsider),
    Leave: cmd('Leave', {}, cleo),
    RemoveMember: cmd('RemoveMember', { personId: cleo, reason: 'x' }),
    CallElection: cmd('CallElection', { electionId: 'el-2', closesAt: AFTER_TERM }),
    StandForElection: cmd('StandForElection', { electionId: 'el-1' }),
    CastVote: cmd('CastVote', { electionId: 'el-1', candidateId: bob }),
    CloseElection: cmd('CloseElection', { electionId: 'el-1' }),
    RotateLeadership: cmd('RotateLeadership', {}, 'system'),
    PostAnnouncement: cmd('PostAnnouncement', { announcementId: 'an-2', text: 'Bonjour' }),
    ScheduleMeeting: cmd('ScheduleMeeting', { meetingId: 'm-1', title: 'Réunion', startsAt: AFTER_TERM }),
    RecordAttendance: cmd('RecordAttendance', { meetingId: 'm-1', present: [bob] }),
    AddDocument: cmd('AddDocument', { documentId: 'd-1', title: 'Plan', url: 'https://example.org/plan.pdf' }),
    RecordResult: cmd('RecordResult', { resultId: 'r-1', kind: 'agreement', title: 'Accord' }),
    ReportContent: cmd('ReportContent', { reportId: 'rep-1', target, reason: 'spam' }, cleo),
    HideContent: cmd('HideContent', { target, reason: 'spam', authority: 'platform_admin' }, 'p-admin'),
    RestoreContent: cmd('RestoreContent', { target, reason: 'ok', authority: 'platform_admin' }, 'p-admin'),
    DismissReport: cmd('DismissReport', { reportId: 'rep-1', reason: 'ok', authority: 'platform_admin' }, 'p-admin'),
  };
  const history = [...REACH.delivering, ev('AnnouncementPosted', { announcementId: 'an-1', text: 'Bonjour' }, bob, T5), ev('ContentReported', { reportId: 'rep-1', target, reason: 'spam' }, cleo, T5)];
  const ARCHIVED: Record<string, CollectiveEvent[]> = {
    'after dissolving': [...history, dissolved, archived],
    'after a cancellation': [proposed, forming, joined(bob), joined(cleo), ev('CollectiveCancelled', { reason: 'Abandon', from: 'forming' }, ines, T2)],
  };

  it('takes the erasure of a person (the law, not the collective): the erased member leaves it and what they wrote is erased', () => {
    spec
      .given(ARCHIVED['after dissolving'])
      .when({ type: 'ErasePerson', data: { personId: bob, by: 'system', now: AFTER_TERM } })
      .thenState((s) => {
        const c = s as Collective;
        expect(c.status).toBe('archived');
        expect(c.members[bob]).toBeUndefined();
        expect(c.stints.some((st) => st.personId === bob)).toBe(false);
      });
  });

  it('has a case for all 26 commands but the proposal and the erasure', () => {
    expect(Object.keys(EVERY)).toHaveLength(26);
  });

  it.each(Object.keys(ARCHIVED).flatMap((how) => (Object.keys(EVERY) as OtherCommand[]).map((type) => [how, type] as const)))('%s refuses %s', (how, type) => {
    spec.given(ARCHIVED[how]).when(EVERY[type]).thenThrows(IllegalStateError, /^the collective is archived and takes no command$/);
  });

  it('refuses a new proposal under its id too', () => {
    spec.given(ARCHIVED['after dissolving']).when(propose()).thenThrows(IllegalStateError, /^collective already exists$/);
  });

  it('keeps its description', () => {
    expect(collective(ARCHIVED['after dissolving'])).toMatchObject({ status: 'archived', name: 'Atelier usinage', activatedAt: T4 });
  });
});

describe('unknown enumerations raise validation errors, never crashes', () => {
  it('a command whose by is not a string', () => {
    expect(spec.given(REACH.active).when(cmd('StartDelivering', {}, 42 as unknown as string)).thenValidationDetails()).toEqual([{ field: 'by', message: 'is required' }]);
  });

  it('a ValidationError is what a bad command throws', () => {
    spec.given(REACH.active).when(cmd('StartDelivering', {}, bob, 'soon')).thenThrows(ValidationError, /^now: must be an ISO 8601 instant/);
  });
});
