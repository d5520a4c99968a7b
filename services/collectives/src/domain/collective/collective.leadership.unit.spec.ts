import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { CollectiveCommand } from './collective.commands';
import { Collective, CollectiveState, DEFAULT_GOVERNANCE, collectiveDecider, contributionScore, currentLeaders } from './collective.decider';
import { CollectiveEvent, CollectiveProposed, Governance } from './collective.events';

const spec = DeciderSpecification.for(collectiveDecider);

const T0 = '2026-01-10T09:00:00.000Z'; // proposed
const T1 = '2026-01-11T09:00:00.000Z'; // forming, bob, cleo and dan join
const T2 = '2026-01-12T09:00:00.000Z'; // the guest joins
const NOW = '2026-02-01T10:00:00.000Z'; // an election is called
const VOTE_AT = '2026-02-03T10:00:00.000Z';
const CLOSES = '2026-02-08T10:00:00.000Z';
const TERM_END = '2026-08-08T10:00:00.000Z'; // CLOSES + 6 months

const collectiveId = 'col-usinage';
const ines = 'p-ines'; // initiator
const bob = 'p-bob';
const cleo = 'p-cleo';
const dan = 'p-dan';
const gus = 'p-gus'; // guest
const eve = 'p-eve'; // joins after the call
const outsider = 'p-out';

type OtherCommand = Exclude<CollectiveCommand['type'], 'ProposeCollective'>;

const ev = <T extends CollectiveEvent['type']>(type: T, data: Record<string, unknown> = {}, by = ines, at = T1): CollectiveEvent =>
  ({ type, data: { collectiveId, ...data, by, at } }) as CollectiveEvent;

const cmd = (type: OtherCommand, extra: Record<string, unknown> = {}, by = cleo, now = NOW): CollectiveCommand => ({ type, data: { by, now, ...extra } }) as CollectiveCommand;

const proposedWith = (governance: Partial<Governance> = {}, over: Partial<CollectiveProposed['data']> = {}): CollectiveEvent => ({
  type: 'CollectiveProposed',
  data: {
    collectiveId,
    name: 'Atelier usinage',
    purpose: 'Mutualiser un centre d’usinage',
    occasion: { kind: 'purpose', title: 'Centre partagé' },
    rhythm: 'monthly',
    access: 'open',
    perimeter: { territories: [], sectors: [] },
    minMembers: 3,
    governance: { ...DEFAULT_GOVERNANCE, ...governance },
    by: ines,
    at: T0,
    ...over,
  },
});

const forming = ev('FormingStarted', {}, ines, T1);
const joined = (personId: string, at = T1, role: 'member' | 'guest' = 'member'): CollectiveEvent => ev('MemberJoined', { personId, role }, personId, at);
const left = (personId: string, at: string): CollectiveEvent => ev('MemberLeft', { personId }, personId, at);
const guestJoined = [ev('MemberInvited', { personId: gus, role: 'guest' }, ines, T2), joined(gus, T2, 'guest')];

/** Forming, no leader yet: ines (initiator), bob, cleo, dan, and gus as a guest. */
const BASE = [proposedWith(), forming, joined(bob), joined(cleo), joined(dan), ...guestJoined];
const ELECTORATE = [bob, cleo, dan, ines];

const called = (over: Record<string, unknown> = {}, by = cleo, at = NOW): CollectiveEvent =>
  ev('ElectionCalled', { electionId: 'el-1', seats: 1, closesAt: CLOSES, electorate: ELECTORATE, quorum: 2, ...over }, by, at);
const stood = (personId: string, electionId = 'el-1', at = VOTE_AT): CollectiveEvent => ev('CandidateStood', { electionId, personId }, personId, at);
const voted = (voterId: string, candidateId: string, electionId = 'el-1', at = VOTE_AT): CollectiveEvent => ev('VoteCast', { electionId, voterId, candidateId }, voterId, at);
const elected = (leaders: string[], previous: string[], termEnds: string, at: string, electionId = 'el-1'): CollectiveEvent =>
  ev('LeadersElected', { electionId, leaders, previous, tally: leaders.map((personId) => ({ personId, votes: 1, contribution: 0 })), turnout: 2, termEnds }, 'system', at);

/** bob was elected at CLOSES until TERM_END. */
const BOB_LEADS = [...BASE, called(), stood(bob), voted(cleo, bob), voted(dan, bob), elected([bob], [], TERM_END, CLOSES)];
const LATER = '2026-03-01T10:00:00.000Z';
const LATER_CLOSES = '2026-03-08T10:00:00.000Z';

const collective = (events: CollectiveEvent[]): Collective => {
  const state: CollectiveState = events.reduce(collectiveDecider.evolve, collectiveDecider.initialState());
  if (state.status === 'none') throw new Error('no collective');
  return state;
};

describe('CallElection', () => {
  it('any full member calls it while nobody leads; the electorate is the full members then (guests out), sorted', () => {
    spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES })).then([called()]);
    spec
      .given(BASE)
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, ines))
      .then([called({}, ines)]);
  });

  it('evolves into one open election with no candidate and no ballot', () => {
    expect(collective([...BASE, called()]).elections).toEqual({
      'el-1': { electionId: 'el-1', seats: 1, closesAt: CLOSES, electorate: ELECTORATE, quorum: 2, candidates: [], ballots: {}, open: true },
    });
  });

  it('normalises closesAt to UTC', () => {
    spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: '2026-02-08T12:00:00+02:00' })).then([called()]);
  });

  it.each([
    [0.5, 4, 2],
    [0.6, 4, 3],
    [0.75, 4, 3],
    [0.1, 4, 1],
    [1, 4, 4],
    [0.5, 5, 3],
    [0.1, 2, 1],
  ])('sets the quorum to ceil(%p x %p) = %p', (quorum, n, needed) => {
    const people = ['p-m1', 'p-m2', 'p-m3', 'p-m4'].slice(0, n - 1);
    const electorate = [...people, ines].sort();
    spec
      .given([proposedWith({ quorum }), forming, ...people.map((p) => joined(p))])
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, ines))
      .then([called({ electorate, quorum: needed }, ines)]);
  });

  it('computes the quorum without floating-point excess: 14% of 50 is 7, 28% of 25 is 7', () => {
    for (const [quorum, n] of [
      [0.14, 50],
      [0.28, 25],
    ]) {
      const people = Array.from({ length: n - 1 }, (_, i) => `p-m${String(i).padStart(2, '0')}`);
      spec
        .given([proposedWith({ quorum }), forming, ...people.map((p) => joined(p))])
        .when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, ines))
        .thenState((s) => expect((s as Collective).elections['el-1'].quorum).toBe(7));
    }
  });

  it.each([
    [NOW, 'must be in the future'],
    ['2026-02-01T09:59:59.999Z', 'must be in the future'],
    ['2026-03-04T10:00:00.001Z', 'must be within 31 days'],
    ['2026-12-01T10:00:00.000Z', 'must be within 31 days'],
    ['next week', 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z'],
    [undefined, 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z'],
  ])('refuses closesAt %p: %s', (closesAt, message) => {
    expect(spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt })).thenValidationDetails()).toEqual([{ field: 'closesAt', message }]);
  });

  it('accepts closesAt exactly 31 days ahead, and one millisecond ahead', () => {
    spec
      .given(BASE)
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: '2026-03-04T10:00:00.000Z' }))
      .then([called({ closesAt: '2026-03-04T10:00:00.000Z' })]);
    spec
      .given(BASE)
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: '2026-02-01T10:00:00.001Z' }))
      .then([called({ closesAt: '2026-02-01T10:00:00.001Z' })]);
  });

  it.each([0, 6, 1.5, '2'])('refuses %p seats', (seats) => {
    expect(spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES, seats })).thenValidationDetails()).toEqual([
      { field: 'seats', message: 'must be a whole number from 1 to 5' },
    ]);
  });

  it('refuses more seats than the electorate has members, and accepts as many', () => {
    spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES, seats: 5 })).thenThrows(ValidationError, /^seats: must be at most the 4 members$/);
    spec
      .given(BASE)
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES, seats: 4 }))
      .then([called({ seats: 4 })]);
  });

  it('reports every bad field at once', () => {
    expect(spec.given(BASE).when(cmd('CallElection', { electionId: '', seats: 9, closesAt: 'soon' }, '')).thenValidationDetails()).toEqual([
      { field: 'electionId', message: 'is required' },
      { field: 'seats', message: 'must be a whole number from 1 to 5' },
      { field: 'closesAt', message: 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z' },
      { field: 'by', message: 'is required' },
    ]);
  });

  it('is refused in a collective whose lead rotates', () => {
    spec
      .given([proposedWith({ mode: 'rotation' }), forming, joined(bob)])
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, bob))
      .thenThrows(IllegalStateError, /^the lead of this collective rotates: it holds no election$/);
  });

  it('holds one election at a time, even past its closing instant until it is counted', () => {
    spec
      .given([...BASE, called()])
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: CLOSES }, bob))
      .thenThrows(IllegalStateError, /^an election is already open until 2026-02-08T10:00:00\.000Z$/);
    spec
      .given([...BASE, called()])
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: '2026-02-20T10:00:00.000Z' }, bob, '2026-02-10T10:00:00.000Z'))
      .thenThrows(IllegalStateError, /^an election is already open until/);
  });

  it('refuses an election id already used, even closed', () => {
    const failed = ev('ElectionFailed', { electionId: 'el-1', reason: 'no_quorum', turnout: 0, needed: 2 }, 'system', CLOSES);
    spec
      .given([...BASE, called(), failed])
      .when(cmd('CallElection', { electionId: 'el-1', closesAt: LATER_CLOSES }, cleo, LATER))
      .thenThrows(IllegalStateError, /^election id already used$/);
    spec
      .given([...BASE, called(), failed])
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: LATER_CLOSES }, cleo, LATER))
      .then([called({ electionId: 'el-2', closesAt: LATER_CLOSES }, cleo, LATER)]);
  });

  it('during a term, only the current leaders call one', () => {
    for (const by of [cleo, ines]) {
      spec
        .given(BOB_LEADS)
        .when(cmd('CallElection', { electionId: 'el-2', closesAt: LATER_CLOSES }, by, LATER))
        .thenThrows(ForbiddenError, /^only the collective's leaders can call an election during their term$/);
    }
    spec
      .given(BOB_LEADS)
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: LATER_CLOSES }, bob, LATER))
      .then([called({ electionId: 'el-2', closesAt: LATER_CLOSES }, bob, LATER)]);
  });

  it('once the term has ended (its end is exclusive), any full member calls one again', () => {
    expect(currentLeaders(collective(BOB_LEADS), '2026-08-08T09:59:59.999Z')).toEqual([bob]);
    expect(currentLeaders(collective(BOB_LEADS), TERM_END)).toEqual([]);
    spec
      .given(BOB_LEADS)
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: '2026-08-15T10:00:00.000Z' }, cleo, TERM_END))
      .then([called({ electionId: 'el-2', closesAt: '2026-08-15T10:00:00.000Z' }, cleo, TERM_END)]);
    spec
      .given(BOB_LEADS)
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: '2026-08-15T10:00:00.000Z' }, cleo, '2026-08-08T09:59:59.999Z'))
      .thenThrows(ForbiddenError, /during their term$/);
  });

  it('is refused to guests and to people not in the collective', () => {
    spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, gus)).thenThrows(ForbiddenError, /^guests cannot call an election$/);
    spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, outsider)).thenThrows(ForbiddenError, /^only members of the collective can call an election$/);
  });

  it.each([
    ['proposed', [proposedWith()]],
    ['dissolving', [...BOB_LEADS, ev('CollectiveActivated', { members: 4, leaders: [bob] }, bob, LATER), ev('CollectiveDissolved', { activeFrom: LATER, alumni: [], ties: 0 }, bob, LATER)]],
  ] as const)('is refused while %s', (status, given) => {
    spec
      .given([...given])
      .when(cmd('CallElection', { electionId: 'el-9', closesAt: '2026-08-15T10:00:00.000Z' }, ines, TERM_END))
      .thenThrows(IllegalStateError, new RegExp(`^cannot call an election: the collective is ${status}$`));
  });

  it('is held in an active or delivering collective too', () => {
    const active = [...BOB_LEADS, ev('CollectiveActivated', { members: 4, leaders: [bob] }, bob, LATER)];
    spec
      .given([...active, ev('DeliveryStarted', {}, bob, LATER)])
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: '2026-08-15T10:00:00.000Z' }, dan, TERM_END))
      .then([called({ electionId: 'el-2', closesAt: '2026-08-15T10:00:00.000Z' }, dan, TERM_END)]);
  });
});

describe('StandForElection', () => {
  const OPEN = [...BASE, called()];

  it('records a candidate of the electorate, the statement trimmed (a blank one left out)', () => {
    spec
      .given(OPEN)
      .when(cmd('StandForElection', { electionId: 'el-1', statement: '  Je coordonne déjà les achats ' }, dan, VOTE_AT))
      .then([ev('CandidateStood', { electionId: 'el-1', personId: dan, statement: 'Je coordonne déjà les achats' }, dan, VOTE_AT)]);
    spec
      .given(OPEN)
      .when(cmd('StandForElection', { electionId: 'el-1', statement: '   ' }, dan, VOTE_AT))
      .then([stood(dan)]);
  });

  it('keeps the candidates in the order they stood', () => {
    expect(collective([...OPEN, stood(dan), stood(bob), stood(ines)]).elections['el-1'].candidates).toEqual([dan, bob, ines]);
  });

  it('is for the electorate only: not whoever joined after the call, nor a guest, nor someone who left', () => {
    spec
      .given([...OPEN, joined(eve, VOTE_AT)])
      .when(cmd('StandForElection', { electionId: 'el-1' }, eve, VOTE_AT))
      .thenThrows(ForbiddenError, /^only members of the electorate can stand$/);
    spec.given(OPEN).when(cmd('StandForElection', { electionId: 'el-1' }, gus, VOTE_AT)).thenThrows(ForbiddenError, /^only members of the electorate can stand$/);
    spec.given(OPEN).when(cmd('StandForElection', { electionId: 'el-1' }, outsider, VOTE_AT)).thenThrows(ForbiddenError, /^only members of the electorate can stand$/);
    spec
      .given([...OPEN, left(dan, VOTE_AT)])
      .when(cmd('StandForElection', { electionId: 'el-1' }, dan, VOTE_AT))
      .thenThrows(ForbiddenError, /^only members of the electorate can stand$/);
  });

  it('records a candidate once', () => {
    spec
      .given([...OPEN, stood(dan)])
      .when(cmd('StandForElection', { electionId: 'el-1' }, dan, VOTE_AT))
      .thenThrows(IllegalStateError, /^already a candidate$/);
  });

  it('is refused once voting has ended, and once the election is closed', () => {
    spec.given(OPEN).when(cmd('StandForElection', { electionId: 'el-1' }, dan, CLOSES)).thenThrows(IllegalStateError, /^cannot stand: voting ended at 2026-02-08T10:00:00\.000Z$/);
    spec
      .given(OPEN)
      .when(cmd('StandForElection', { electionId: 'el-1' }, dan, '2026-02-08T09:59:59.999Z'))
      .then([ev('CandidateStood', { electionId: 'el-1', personId: dan }, dan, '2026-02-08T09:59:59.999Z')]);
    spec
      .given([...OPEN, ev('ElectionFailed', { electionId: 'el-1', reason: 'no_quorum', turnout: 0, needed: 2 }, 'system', CLOSES)])
      .when(cmd('StandForElection', { electionId: 'el-1' }, dan, VOTE_AT))
      .thenThrows(IllegalStateError, /^cannot stand: the election is closed$/);
  });

  it('needs an election that exists', () => {
    spec.given(OPEN).when(cmd('StandForElection', { electionId: 'el-x' }, dan, VOTE_AT)).thenThrows(NotFoundError, /^election not found$/);
  });

  it('refuses a statement over 1000 characters and a missing election id at once', () => {
    expect(spec.given(OPEN).when(cmd('StandForElection', { statement: 's'.repeat(1001) }, dan, VOTE_AT)).thenValidationDetails()).toEqual([
      { field: 'electionId', message: 'is required' },
      { field: 'statement', message: 'must be at most 1000 characters' },
    ]);
  });
});

describe('CastVote', () => {
  const CANDIDATES = [...BASE, called(), stood(dan), stood(cleo)];

  it('records one vote, for any candidate (oneself included)', () => {
    spec.given(CANDIDATES).when(cmd('CastVote', { electionId: 'el-1', candidateId: dan }, bob, VOTE_AT)).then([voted(bob, dan)]);
    spec.given(CANDIDATES).when(cmd('CastVote', { electionId: 'el-1', candidateId: dan }, dan, VOTE_AT)).then([voted(dan, dan)]);
    expect(collective([...CANDIDATES, voted(bob, dan), voted(ines, cleo)]).elections['el-1'].ballots).toEqual({ [bob]: dan, [ines]: cleo });
  });

  it('takes one vote each: a second one is refused, for the same candidate or another', () => {
    for (const candidateId of [dan, cleo]) {
      spec
        .given([...CANDIDATES, voted(bob, dan)])
        .when(cmd('CastVote', { electionId: 'el-1', candidateId }, bob, VOTE_AT))
        .thenThrows(IllegalStateError, /^already voted: one vote each$/);
    }
  });

  it('is for a candidate of this election only, and still a member', () => {
    spec.given(CANDIDATES).when(cmd('CastVote', { electionId: 'el-1', candidateId: bob }, ines, VOTE_AT)).thenThrows(ValidationError, /^candidateId: must be a candidate of this election$/);
    spec
      .given([...CANDIDATES, left(dan, VOTE_AT)])
      .when(cmd('CastVote', { electionId: 'el-1', candidateId: dan }, ines, VOTE_AT))
      .thenThrows(ValidationError, /^candidateId: must be a candidate of this election$/);
  });

  it('is refused (403) to guests, outsiders, whoever joined after the call, and electors who left', () => {
    for (const [by, given] of [
      [gus, CANDIDATES],
      [outsider, CANDIDATES],
      [eve, [...CANDIDATES, joined(eve, VOTE_AT)]],
      [bob, [...CANDIDATES, left(bob, VOTE_AT)]],
    ] as const) {
      spec
        .given([...given])
        .when(cmd('CastVote', { electionId: 'el-1', candidateId: dan }, by, VOTE_AT))
        .thenThrows(ForbiddenError, /^only members of the electorate vote$/);
    }
  });

  it('is refused from the closing instant on', () => {
    spec.given(CANDIDATES).when(cmd('CastVote', { electionId: 'el-1', candidateId: dan }, bob, CLOSES)).thenThrows(IllegalStateError, /^cannot vote: voting ended at 2026-02-08T10:00:00\.000Z$/);
  });

  it('is refused in a closed or unknown election', () => {
    spec
      .given([...CANDIDATES, ev('ElectionFailed', { electionId: 'el-1', reason: 'no_quorum', turnout: 0, needed: 2 }, 'system', CLOSES)])
      .when(cmd('CastVote', { electionId: 'el-1', candidateId: dan }, bob, VOTE_AT))
      .thenThrows(IllegalStateError, /^cannot vote: the election is closed$/);
    spec.given(CANDIDATES).when(cmd('CastVote', { electionId: 'el-2', candidateId: dan }, bob, VOTE_AT)).thenThrows(NotFoundError, /^election not found$/);
  });

  it('reports both missing ids at once', () => {
    expect(spec.given(CANDIDATES).when(cmd('CastVote', {}, bob, VOTE_AT)).thenValidationDetails()).toEqual([
      { field: 'electionId', message: 'is required' },
      { field: 'candidateId', message: 'is required' },
    ]);
  });
});

describe('CloseElection', () => {
  const CANDIDATES = [...BASE, called(), stood(dan), stood(cleo)];
  const failed = (reason: 'no_quorum' | 'no_candidate', turnout: number, needed: number, by = 'system', at = CLOSES) =>
    ev('ElectionFailed', { electionId: 'el-1', reason, turnout, needed }, by, at);
  const leadersElected = (data: Record<string, unknown>, by = 'system', at = CLOSES, electionId = 'el-1') => ev('LeadersElected', { electionId, ...data }, by, at);

  it('elects the candidate with the most votes, for termMonths from now', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan), voted(cleo, cleo)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([
        leadersElected({
          leaders: [dan],
          previous: [],
          tally: [
            { personId: dan, votes: 2, contribution: 0 },
            { personId: cleo, votes: 1, contribution: 0 },
          ],
          turnout: 3,
          termEnds: TERM_END,
        }),
      ]);
  });

  it('evolves: the winner leads until the end of the term, the election is closed', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .thenState((s) => {
        const c = s as Collective;
        expect(c.members[dan]).toEqual({ personId: dan, role: 'leader', since: CLOSES, termEnds: TERM_END });
        expect(c.elections['el-1'].open).toBe(false);
        expect(currentLeaders(c, CLOSES)).toEqual([dan]);
      });
  });

  it.each([
    [1, '2026-03-08T10:00:00.000Z'],
    [12, '2027-02-08T10:00:00.000Z'],
    [24, '2028-02-08T10:00:00.000Z'],
  ])('a term of %p months ends at %p', (termMonths, termEnds) => {
    spec
      .given([proposedWith({ termMonths }), ...CANDIDATES.slice(1), voted(bob, dan), voted(ines, dan)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .thenState((s) => expect((s as Collective).members[dan].termEnds).toBe(termEnds));
  });

  it('does not count before closesAt unless every elector has voted', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan), voted(cleo, cleo)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, dan, '2026-02-08T09:59:59.999Z'))
      .thenThrows(IllegalStateError, /^cannot count yet: voting is open until 2026-02-08T10:00:00\.000Z and not every member has voted$/);
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan), voted(cleo, cleo), voted(dan, cleo)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, dan, VOTE_AT))
      .then([
        leadersElected(
          {
            leaders: [dan],
            previous: [],
            tally: [
              { personId: dan, votes: 2, contribution: 0 },
              { personId: cleo, votes: 2, contribution: 0 },
            ],
            turnout: 4,
            termEnds: '2026-08-03T10:00:00.000Z',
          },
          dan,
          VOTE_AT,
        ),
      ]);
  });

  it('counts early once every remaining elector has voted (an elector who left is not waited for)', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan), voted(cleo, cleo), left(dan, VOTE_AT)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, ines, VOTE_AT))
      .then([
        leadersElected(
          { leaders: [cleo], previous: [], tally: [{ personId: cleo, votes: 1, contribution: 0 }], turnout: 3, termEnds: '2026-08-03T10:00:00.000Z' },
          ines,
          VOTE_AT,
        ),
      ]);
  });

  it('fails without the quorum, and nobody leads', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([failed('no_quorum', 1, 2)]);
    spec
      .given([...CANDIDATES])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([failed('no_quorum', 0, 2)]);
    spec
      .given([...CANDIDATES, voted(bob, dan)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .thenState((s) => {
        expect((s as Collective).elections['el-1'].open).toBe(false);
        expect(currentLeaders(s as Collective, CLOSES)).toEqual([]);
      });
  });

  it('does not count the ballots of electors who have left towards the quorum', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan), left(bob, VOTE_AT)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([failed('no_quorum', 1, 2)]);
  });

  it('fails with no_candidate when no candidate still a member got a vote', () => {
    spec
      .given([...CANDIDATES, voted(bob, dan), voted(ines, dan), left(dan, VOTE_AT)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([failed('no_candidate', 2, 2)]);
  });

  it('fails and leaves the current leaders in place', () => {
    const reElection = [
      ...BOB_LEADS,
      called({ electionId: 'el-2', closesAt: LATER_CLOSES }, bob, LATER),
      ev('CandidateStood', { electionId: 'el-2', personId: cleo }, cleo, LATER),
      ev('VoteCast', { electionId: 'el-2', voterId: dan, candidateId: cleo }, dan, LATER),
    ];
    spec
      .given(reElection)
      .when(cmd('CloseElection', { electionId: 'el-2' }, 'system', LATER_CLOSES))
      .then([ev('ElectionFailed', { electionId: 'el-2', reason: 'no_quorum', turnout: 1, needed: 2 }, 'system', LATER_CLOSES)]);
    spec
      .given(reElection)
      .when(cmd('CloseElection', { electionId: 'el-2' }, 'system', LATER_CLOSES))
      .thenState((s) => expect(currentLeaders(s as Collective, LATER_CLOSES)).toEqual([bob]));
  });

  it('fills several seats by votes, ties going to whoever stood first; the leaders listed sorted', () => {
    spec
      .given([
        ...BASE,
        called({ seats: 2 }),
        stood(dan),
        stood(cleo),
        stood(bob),
        voted(ines, bob),
        voted(cleo, bob),
        voted(dan, cleo),
        voted(bob, dan),
      ])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([
        leadersElected({
          leaders: [bob, dan],
          previous: [],
          tally: [
            { personId: bob, votes: 2, contribution: 0 },
            { personId: dan, votes: 1, contribution: 0 },
            { personId: cleo, votes: 1, contribution: 0 },
          ],
          turnout: 4,
          termEnds: TERM_END,
        }),
      ]);
  });

  it('leaves a seat empty rather than fill it with a candidate nobody voted for', () => {
    spec
      .given([...BASE, called({ seats: 2 }), stood(dan), stood(cleo), voted(ines, dan), voted(bob, dan)])
      .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', CLOSES))
      .then([
        leadersElected({
          leaders: [dan],
          previous: [],
          tally: [
            { personId: dan, votes: 2, contribution: 0 },
            { personId: cleo, votes: 0, contribution: 0 },
          ],
          turnout: 2,
          termEnds: TERM_END,
        }),
      ]);
  });

  it('hands the lead over: the previous leaders not re-elected go back to member (the initiator to initiator)', () => {
    // ines and bob led; their term ended; cleo is elected
    const ledByTwo = [
      ...BASE,
      called({ seats: 2 }),
      stood(ines),
      stood(bob),
      voted(cleo, ines),
      voted(dan, bob),
      ev('LeadersElected', { electionId: 'el-1', leaders: [bob, ines], previous: [], tally: [], turnout: 2, termEnds: '2026-02-20T10:00:00.000Z' }, 'system', CLOSES),
    ];
    const AT = '2026-02-21T10:00:00.000Z';
    const CL = '2026-02-28T10:00:00.000Z';
    const given = [
      ...ledByTwo,
      called({ electionId: 'el-2', closesAt: CL }, dan, AT),
      ev('CandidateStood', { electionId: 'el-2', personId: cleo }, cleo, AT),
      ev('CandidateStood', { electionId: 'el-2', personId: bob }, bob, AT),
      ev('VoteCast', { electionId: 'el-2', voterId: dan, candidateId: cleo }, dan, AT),
      ev('VoteCast', { electionId: 'el-2', voterId: ines, candidateId: cleo }, ines, AT),
    ];
    spec
      .given(given)
      .when(cmd('CloseElection', { electionId: 'el-2' }, 'system', CL))
      .then([
        leadersElected(
          {
            leaders: [cleo],
            previous: [bob, ines],
            tally: [
              { personId: cleo, votes: 2, contribution: 0 },
              { personId: bob, votes: 0, contribution: 0 },
            ],
            turnout: 2,
            termEnds: '2026-08-28T10:00:00.000Z',
          },
          'system',
          CL,
          'el-2',
        ),
      ]);
    spec
      .given(given)
      .when(cmd('CloseElection', { electionId: 'el-2' }, 'system', CL))
      .thenState((s) => {
        const c = s as Collective;
        expect(c.members[ines]).toEqual({ personId: ines, role: 'initiator', since: CL });
        expect(c.members[bob]).toEqual({ personId: bob, role: 'member', since: CL });
        expect(c.members[cleo]).toEqual({ personId: cleo, role: 'leader', since: CL, termEnds: '2026-08-28T10:00:00.000Z' });
      });
  });

  it('renews the term of a re-elected leader', () => {
    const given = [
      ...BOB_LEADS,
      called({ electionId: 'el-2', closesAt: LATER_CLOSES }, bob, LATER),
      ev('CandidateStood', { electionId: 'el-2', personId: bob }, bob, LATER),
      ev('VoteCast', { electionId: 'el-2', voterId: dan, candidateId: bob }, dan, LATER),
      ev('VoteCast', { electionId: 'el-2', voterId: cleo, candidateId: bob }, cleo, LATER),
    ];
    spec
      .given(given)
      .when(cmd('CloseElection', { electionId: 'el-2' }, 'system', LATER_CLOSES))
      .then([
        leadersElected(
          { leaders: [bob], previous: [bob], tally: [{ personId: bob, votes: 2, contribution: 0 }], turnout: 2, termEnds: '2026-09-08T10:00:00.000Z' },
          'system',
          LATER_CLOSES,
          'el-2',
        ),
      ]);
    spec
      .given(given)
      .when(cmd('CloseElection', { electionId: 'el-2' }, 'system', LATER_CLOSES))
      .thenState((s) => expect((s as Collective).members[bob]).toEqual({ personId: bob, role: 'leader', since: LATER_CLOSES, termEnds: '2026-09-08T10:00:00.000Z' }));
  });

  it('is refused to guests and outsiders; the scheduler and any full member may close', () => {
    const given = [...CANDIDATES, voted(bob, dan), voted(ines, dan)];
    spec.given(given).when(cmd('CloseElection', { electionId: 'el-1' }, gus, CLOSES)).thenThrows(ForbiddenError, /^guests cannot close an election$/);
    spec.given(given).when(cmd('CloseElection', { electionId: 'el-1' }, outsider, CLOSES)).thenThrows(ForbiddenError, /^only members of the collective can close an election$/);
    const expected = (by: string) => [
      leadersElected(
        {
          leaders: [dan],
          previous: [],
          tally: [
            { personId: dan, votes: 2, contribution: 0 },
            { personId: cleo, votes: 0, contribution: 0 },
          ],
          turnout: 2,
          termEnds: TERM_END,
        },
        by,
      ),
    ];
    spec.given(given).when(cmd('CloseElection', { electionId: 'el-1' }, bob, CLOSES)).then(expected(bob));
  });

  it('is refused for a closed election or an unknown one', () => {
    spec.given(BOB_LEADS).when(cmd('CloseElection', { electionId: 'el-1' }, 'system', LATER)).thenThrows(IllegalStateError, /^the election is already closed$/);
    spec.given(BOB_LEADS).when(cmd('CloseElection', { electionId: 'el-2' }, 'system', LATER)).thenThrows(NotFoundError, /^election not found$/);
  });

  describe('tie-break by contribution: results x3, meetings attended x2, announcements, documents', () => {
    // An active collective whose first leader's (ines) term has ended: any member calls the next election.
    const T3 = '2026-01-15T09:00:00.000Z';
    const T4 = '2026-01-20T09:00:00.000Z';
    const ENDED = '2026-07-15T09:00:00.000Z';
    const C = '2026-03-01T09:00:00.000Z'; // contributions
    const RE = '2026-07-20T10:00:00.000Z';
    const RE_CLOSES = '2026-07-27T10:00:00.000Z';
    const ACTIVE_TERM_ENDED = [
      ...BASE,
      ev('ElectionCalled', { electionId: 'el-0', seats: 1, closesAt: T3, electorate: ELECTORATE, quorum: 2 }, ines, T2),
      ev('LeadersElected', { electionId: 'el-0', leaders: [ines], previous: [], tally: [], turnout: 2, termEnds: ENDED }, 'system', T3),
      ev('CollectiveActivated', { members: 4, leaders: [ines] }, ines, T4),
    ];
    const result = (resultId: string, contributors: string[], by = contributors[0]) =>
      ev('ResultRecorded', { resultId, kind: 'agreement', title: 'Accord', contributors }, by, C);
    const announcement = (announcementId: string, by: string) => ev('AnnouncementPosted', { announcementId, text: 'Info' }, by, C);
    const documentBy = (documentId: string, by: string) => ev('DocumentAdded', { documentId, title: 'Doc', url: 'https://example.org/d' }, by, C);
    const meeting = (meetingId: string, present: string[]) => [
      ev('MeetingScheduled', { meetingId, title: 'Réunion', startsAt: C }, ines, T4),
      ev('AttendanceRecorded', { meetingId, present, previous: [] }, ines, C),
    ];
    const election = (contributions: CollectiveEvent[]) => [
      ...ACTIVE_TERM_ENDED,
      ...contributions,
      called({ closesAt: RE_CLOSES }, bob, RE),
      ev('CandidateStood', { electionId: 'el-1', personId: cleo }, cleo, RE),
      ev('CandidateStood', { electionId: 'el-1', personId: dan }, dan, RE),
      ev('VoteCast', { electionId: 'el-1', voterId: bob, candidateId: cleo }, bob, RE),
      ev('VoteCast', { electionId: 'el-1', voterId: ines, candidateId: dan }, ines, RE),
    ];
    const outcome = (winner: string, tally: Array<[string, number]>) => [
      leadersElected(
        {
          leaders: [winner],
          previous: [ines],
          tally: tally.map(([personId, contribution]) => ({ personId, votes: 1, contribution })),
          turnout: 2,
          termEnds: '2027-01-27T10:00:00.000Z',
        },
        'system',
        RE_CLOSES,
      ),
    ];

    it('scores a contribution as documented', () => {
      expect(contributionScore({ results: 1, meetingsAttended: 0, announcements: 0, documents: 0 })).toBe(3);
      expect(contributionScore({ results: 0, meetingsAttended: 1, announcements: 0, documents: 0 })).toBe(2);
      expect(contributionScore({ results: 0, meetingsAttended: 0, announcements: 1, documents: 0 })).toBe(1);
      expect(contributionScore({ results: 0, meetingsAttended: 0, announcements: 0, documents: 1 })).toBe(1);
      expect(contributionScore({ results: 2, meetingsAttended: 3, announcements: 4, documents: 5 })).toBe(6 + 6 + 4 + 5);
    });

    it('the member with the greater contribution wins a tie: 2 + 1 + 1 beats 3', () => {
      spec
        .given(election([result('r-1', [cleo]), ...meeting('m-1', [dan]), announcement('a-1', dan), documentBy('d-1', dan)]))
        .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', RE_CLOSES))
        .then(
          outcome(dan, [
            [dan, 4],
            [cleo, 3],
          ]),
        );
    });

    it('a result shared between contributors counts 3 for each', () => {
      spec
        .given(election([result('r-1', [cleo, dan]), announcement('a-1', cleo)]))
        .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', RE_CLOSES))
        .then(
          outcome(cleo, [
            [cleo, 4],
            [dan, 3],
          ]),
        );
    });

    it('at equal contributions, whoever stood first wins', () => {
      spec
        .given(election([result('r-1', [cleo]), ...meeting('m-1', [dan]), announcement('a-1', dan)]))
        .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', RE_CLOSES))
        .then(
          outcome(cleo, [
            [cleo, 3],
            [dan, 3],
          ]),
        );
    });

    it('votes come before contributions', () => {
      spec
        .given([...election([result('r-1', [dan]), result('r-2', [dan])]), ev('VoteCast', { electionId: 'el-1', voterId: cleo, candidateId: cleo }, cleo, RE)])
        .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', RE_CLOSES))
        .then([
          leadersElected(
            {
              leaders: [cleo],
              previous: [ines],
              tally: [
                { personId: cleo, votes: 2, contribution: 0 },
                { personId: dan, votes: 1, contribution: 6 },
              ],
              turnout: 3,
              termEnds: '2027-01-27T10:00:00.000Z',
            },
            'system',
            RE_CLOSES,
          ),
        ]);
    });

    it('hidden content no longer counts', () => {
      spec
        .given(
          election([
            result('r-1', [cleo]),
            announcement('a-1', dan),
            announcement('a-2', dan),
            ...meeting('m-1', [dan]),
            ev('ContentHidden', { target: { kind: 'announcement', id: 'a-2' }, reason: 'hors sujet', authority: 'platform_admin', resolved: [] }, 'p-admin', C),
          ]),
        )
        .when(cmd('CloseElection', { electionId: 'el-1' }, 'system', RE_CLOSES))
        .then(
          outcome(cleo, [
            [cleo, 3],
            [dan, 3],
          ]),
        );
    });

    it('the term having ended, a member (not the former leader) called this election', () => {
      spec
        .given(ACTIVE_TERM_ENDED)
        .when(cmd('CallElection', { electionId: 'el-1', closesAt: RE_CLOSES }, dan, RE))
        .then([called({ closesAt: RE_CLOSES }, dan, RE)]);
      spec
        .given(ACTIVE_TERM_ENDED)
        .when(cmd('CallElection', { electionId: 'el-1', closesAt: '2026-07-20T10:00:00.000Z' }, dan, '2026-07-15T08:59:59.999Z'))
        .thenThrows(ForbiddenError, /during their term$/);
    });
  });
});

describe('RotateLeadership', () => {
  const R1 = '2026-02-01T10:00:00.000Z';
  const R2 = '2026-02-15T10:00:00.000Z'; // R1 + 14 days
  const R3 = '2026-03-01T10:00:00.000Z';
  const R4 = '2026-03-15T10:00:00.000Z';
  const R5 = '2026-03-29T10:00:00.000Z';
  const plus14 = (at: string) => new Date(Date.parse(at) + 14 * 86_400_000).toISOString();
  const T1b = '2026-01-11T10:00:00.000Z';
  /** ines (T0), bob (T1), cleo (T1, an hour later) and a guest, rotating every 14 days. */
  const ROTATING = [proposedWith({ mode: 'rotation', rotationDays: 14 }), forming, joined(bob), joined(cleo, T1b), ...guestJoined];
  const rotated = (personId: string, previous: string[], at: string, by = 'system'): CollectiveEvent =>
    ev('LeadershipRotated', { personId, previous, termEnds: plus14(at) }, by, at);

  it('gives the first turn to whoever joined first, for rotationDays', () => {
    spec
      .given(ROTATING)
      .when(cmd('RotateLeadership', {}, 'system', R1))
      .then([ev('LeadershipRotated', { personId: ines, previous: [], termEnds: R2 }, 'system', R1)]);
    spec
      .given(ROTATING)
      .when(cmd('RotateLeadership', {}, 'system', R1))
      .thenState((s) => {
        expect((s as Collective).members[ines]).toEqual({ personId: ines, role: 'leader', since: R1, termEnds: R2 });
        expect((s as Collective).lastRotated).toBe(ines);
      });
  });

  it('uses the default of 30 days', () => {
    spec
      .given([proposedWith({ mode: 'rotation' }), forming, joined(bob)])
      .when(cmd('RotateLeadership', {}, bob, R1))
      .then([ev('LeadershipRotated', { personId: ines, previous: [], termEnds: '2026-03-03T10:00:00.000Z' }, bob, R1)]);
  });

  it('is not due while someone leads', () => {
    spec
      .given([...ROTATING, rotated(ines, [], R1)])
      .when(cmd('RotateLeadership', {}, 'system', '2026-02-15T09:59:59.999Z'))
      .thenThrows(IllegalStateError, /^not due yet: p-ines leads until 2026-02-15T10:00:00\.000Z$/);
  });

  it('passes the lead on in the order of joining, and wraps around; the one whose turn ended goes back to what they were', () => {
    const one = [...ROTATING, rotated(ines, [], R1)];
    spec.given(one).when(cmd('RotateLeadership', {}, 'system', R2)).then([rotated(bob, [ines], R2)]);
    spec
      .given(one)
      .when(cmd('RotateLeadership', {}, 'system', R2))
      .thenState((s) => expect((s as Collective).members[ines]).toEqual({ personId: ines, role: 'initiator', since: R2 }));
    const two = [...one, rotated(bob, [ines], R2)];
    spec.given(two).when(cmd('RotateLeadership', {}, 'system', R3)).then([rotated(cleo, [bob], R3)]);
    spec
      .given(two)
      .when(cmd('RotateLeadership', {}, 'system', R3))
      .thenState((s) => expect((s as Collective).members[bob]).toEqual({ personId: bob, role: 'member', since: R3 }));
    const three = [...two, rotated(cleo, [bob], R3)];
    spec.given(three).when(cmd('RotateLeadership', {}, 'system', R4)).then([rotated(ines, [cleo], R4)]);
    spec
      .given([...three, rotated(ines, [cleo], R4)])
      .when(cmd('RotateLeadership', {}, 'system', R5))
      .then([rotated(bob, [ines], R5)]);
  });

  it('skips people who have left', () => {
    spec
      .given([...ROTATING, rotated(ines, [], R1), left(bob, R1)])
      .when(cmd('RotateLeadership', {}, 'system', R2))
      .then([rotated(cleo, [ines], R2)]);
  });

  it('goes on to the next in line when whoever had the last turn has left', () => {
    spec
      .given([...ROTATING, rotated(ines, [], R1), rotated(bob, [ines], R2), left(bob, '2026-02-20T10:00:00.000Z')])
      .when(cmd('RotateLeadership', {}, 'system', '2026-02-20T10:00:00.000Z'))
      .then([rotated(cleo, [], '2026-02-20T10:00:00.000Z')]);
    spec
      .given([...ROTATING, rotated(ines, [], R1), rotated(bob, [ines], R2), rotated(cleo, [bob], R3), left(cleo, R3)])
      .when(cmd('RotateLeadership', {}, 'system', R3))
      .then([rotated(ines, [], R3)]);
  });

  it('puts someone who left and came back at the end of the line', () => {
    spec
      .given([...ROTATING, left(bob, T2), joined(bob, T2), rotated(ines, [], R1)])
      .when(cmd('RotateLeadership', {}, 'system', R2))
      .then([rotated(cleo, [ines], R2)]);
  });

  it('orders people who joined at the same instant by id', () => {
    spec
      .given([proposedWith({ mode: 'rotation', rotationDays: 14 }), forming, joined(dan, T1), joined(bob, T1), left(ines, T2), ...guestJoined])
      .when(cmd('RotateLeadership', {}, 'system', R1))
      .then([rotated(bob, [], R1)]);
  });

  it('is refused when nobody is left to lead', () => {
    spec
      .given([proposedWith({ mode: 'rotation' }), forming, ...guestJoined, left(ines, T2)])
      .when(cmd('RotateLeadership', {}, 'system', R1))
      .thenThrows(IllegalStateError, /^nobody to lead$/);
  });

  it('is asked by the scheduler or any full member, not a guest nor an outsider', () => {
    spec.given(ROTATING).when(cmd('RotateLeadership', {}, cleo, R1)).then([rotated(ines, [], R1, cleo)]);
    spec.given(ROTATING).when(cmd('RotateLeadership', {}, gus, R1)).thenThrows(ForbiddenError, /^guests cannot rotate the lead$/);
    spec.given(ROTATING).when(cmd('RotateLeadership', {}, outsider, R1)).thenThrows(ForbiddenError, /^only members of the collective can rotate the lead$/);
  });

  it('is refused where leaders are elected, and before the collective is forming', () => {
    spec.given(BASE).when(cmd('RotateLeadership', {}, 'system', R1)).thenThrows(IllegalStateError, /^this collective elects its leaders: its lead does not rotate$/);
    spec
      .given([proposedWith({ mode: 'rotation' })])
      .when(cmd('RotateLeadership', {}, 'system', R1))
      .thenThrows(IllegalStateError, /^cannot rotate the lead: the collective is proposed$/);
  });

  it('a rotating collective activates once someone leads', () => {
    spec
      .given([...ROTATING, rotated(ines, [], R1)])
      .when(cmd('Activate', {}, ines, R1))
      .then([ev('CollectiveActivated', { members: 3, leaders: [ines] }, ines, R1)]);
  });
});

describe('when terms end and the collective ends', () => {
  it('the platform calls an election once nobody leads, but not during a term', () => {
    spec.given(BASE).when(cmd('CallElection', { electionId: 'el-1', closesAt: CLOSES }, 'system')).then([called({}, 'system')]);
    spec
      .given(BOB_LEADS)
      .when(cmd('CallElection', { electionId: 'el-2', closesAt: LATER_CLOSES }, 'system', LATER))
      .thenThrows(ForbiddenError, /leaders/);
  });

  it('a term of 6 months from 31 August ends on the last day of February', () => {
    const aug31 = '2026-08-31T10:00:00.000Z';
    const events = [...BASE, called({ closesAt: aug31 }), stood(bob), voted(cleo, bob), voted(dan, bob)];
    spec
      .given(events)
      .when(cmd('CloseElection', { electionId: 'el-1' }, cleo, aug31))
      .thenState((s) => expect((s as Collective).members[bob].termEnds).toBe('2027-02-28T10:00:00.000Z'));
  });

  it('an election still open when the collective dissolves is void: it can no longer be counted, nor another called', () => {
    const active = [...BOB_LEADS, ev('CollectiveActivated', { members: 4, leaders: [bob] }, bob, LATER), called({ electionId: 'el-2', closesAt: '2026-03-05T10:00:00.000Z' }, bob, LATER)];
    const dissolvedAt = '2026-03-02T10:00:00.000Z';
    spec
      .given(active)
      .when(cmd('Dissolve', {}, bob, dissolvedAt))
      .thenState((s) => expect(Object.values((s as Collective).elections).every((e) => !e.open)).toBe(true));
  });
});
