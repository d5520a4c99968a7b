import { IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { RelationCommand } from './relation.commands';
import {
  RELATION_KINDS,
  Relation,
  RelationState,
  canonicalRelation,
  kindFromSide,
  relationDecider,
  relationIdOf,
  relationStreamId,
  relations,
} from './relation.decider';
import {
  RelationConfirmed,
  RelationEnded,
  RelationEstablished,
  RelationEvent,
  RelationProposed,
  RelationSuspended,
} from './relation.events';

const spec = DeciderSpecification.for(relationDecider);

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-10T09:00:00.000Z';

const A = 'co-alpha'; // sorts first
const B = 'co-beta';
const OUTSIDER = 'co-omega';
const alice = 'p-alice'; // of A
const bob = 'p-bob'; // of B

// B proposes: "A is my supplier", stored from A's side as "B is A's client".
const relationId = relationIdOf(B, A, 'supplier');

const propose = (over: Partial<Extract<RelationCommand, { type: 'ProposeRelation' }>['data']> = {}): RelationCommand => ({
  type: 'ProposeRelation',
  data: { relationId, actingCompanyId: B, partnerCompanyId: A, kind: 'supplier', startsOn: '2026-04-01', note: ' usinage ', by: bob, now: T0, ...over },
});
const proposed: RelationProposed = {
  type: 'RelationProposed',
  data: {
    relationId,
    companies: [A, B],
    proposerCompanyId: B,
    partnerCompanyId: A,
    kind: 'client',
    startsOn: '2026-04-01',
    note: 'usinage',
    by: bob,
    at: T0,
  },
};
const proposedWithoutStart: RelationProposed = {
  type: 'RelationProposed',
  data: { relationId, companies: [A, B], proposerCompanyId: B, partnerCompanyId: A, kind: 'client', by: bob, at: T0 },
};

const act = <T extends Exclude<RelationCommand['type'], 'ProposeRelation' | 'RecordAgreement'>>(
  type: T,
  actingCompanyId: string,
  extra: Record<string, unknown> = {},
): RelationCommand => ({ type, data: { actingCompanyId, by: actingCompanyId === A ? alice : bob, now: T1, ...extra } }) as RelationCommand;

const confirmed: RelationConfirmed = { type: 'RelationConfirmed', data: { relationId, companyId: A, companies: [A, B], kind: 'client', startsOn: '2026-04-01', by: alice, at: T1 } };
const declined: RelationEvent = { type: 'RelationDeclined', data: { relationId, companyId: A, by: alice, at: T1 } };
const withdrawn: RelationEvent = { type: 'RelationProposalWithdrawn', data: { relationId, companyId: B, by: bob, at: T1 } };
const suspended: RelationSuspended = { type: 'RelationSuspended', data: { relationId, companyId: A, reason: 'retards', by: alice, at: T1 } };
const resumed: RelationEvent = { type: 'RelationResumed', data: { relationId, companyId: B, by: bob, at: T1 } };
const ended: RelationEnded = { type: 'RelationEnded', data: { relationId, companyId: A, endsOn: '2026-04-30', by: alice, at: T1 } };

const agreement = (needId: string, over: Partial<Extract<RelationCommand, { type: 'RecordAgreement' }>['data']> = {}): RelationCommand => ({
  type: 'RecordAgreement',
  // A publishes a need, B is the partner: "B is my client".
  data: { relationId, companies: [A, B], kind: 'client', needId, by: 'system', now: T2, ...over },
});
const established = (needId: string, startsOn = '2026-03-10'): RelationEstablished => ({
  type: 'RelationEstablished',
  data: { relationId, companies: [A, B], kind: 'client', needId, startsOn, by: 'system', at: T2 },
});
const strengthened = (needId: string): RelationEvent => ({ type: 'RelationStrengthened', data: { relationId, needId, by: 'system', at: T2 } });

const isProposed = [proposed];
const isActive = [proposed, confirmed];
const isSuspended = [...isActive, suspended];
const isEnded = [...isActive, ended];
const isDeclined = [proposed, declined];
const isWithdrawn = [proposed, withdrawn];

const relation = (events: RelationEvent[]): Relation => {
  const state = events.reduce(relationDecider.evolve, relationDecider.initialState());
  if (state.status === 'none') throw new Error('no relation');
  return state;
};

const validationDetails = (events: RelationEvent[], command: RelationCommand) => spec.given(events).when(command).thenValidationDetails();

/** Every command on an existing relation, sent by a party that would be allowed in some state. */
const commandsOnARelation: RelationCommand[] = [
  act('ConfirmRelation', A),
  act('DeclineRelation', A),
  act('WithdrawRelationProposal', B),
  act('SuspendRelation', A),
  act('ResumeRelation', A),
  act('EndRelation', A),
];

describe('canonical form', () => {
  it('states a directional kind from the first company of the sorted pair', () => {
    expect(canonicalRelation(B, A, 'supplier')).toEqual({ companies: [A, B], kind: 'client' });
    expect(canonicalRelation(A, B, 'client')).toEqual({ companies: [A, B], kind: 'client' });
    expect(canonicalRelation(B, A, 'subcontractor')).toEqual({ companies: [A, B], kind: 'contractor' });
    expect(canonicalRelation(B, A, 'contractor')).toEqual({ companies: [A, B], kind: 'subcontractor' });
    expect(canonicalRelation(B, A, 'investor')).toEqual({ companies: [A, B], kind: 'investee' });
    expect(canonicalRelation(B, A, 'investee')).toEqual({ companies: [A, B], kind: 'investor' });
  });

  it.each(['partner', 'co_contractor', 'other'] as const)('keeps the symmetric kind %s', (kind) => {
    expect(canonicalRelation(B, A, kind)).toEqual({ companies: [A, B], kind });
  });

  it('gives "B is my supplier" by A... the same id as "A is my client" by B, and another id per kind', () => {
    expect(relationIdOf(A, B, 'supplier')).toBe(relationIdOf(B, A, 'client'));
    expect(relationIdOf(A, B, 'partner')).toBe(relationIdOf(B, A, 'partner'));
    expect(relationIdOf(A, B, 'supplier')).not.toBe(relationIdOf(A, B, 'client'));
    expect(relationIdOf(A, B, 'supplier')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('every kind has an inverse that is its own inverse', () => {
    for (const kind of RELATION_KINDS) {
      const there = canonicalRelation(B, A, kind).kind;
      expect(canonicalRelation(A, B, there)).toEqual({ companies: [A, B], kind: there });
      expect(canonicalRelation(B, A, there).kind).toBe(kind);
    }
  });

  it('kindFromSide says client to one side and supplier to the other', () => {
    const state = relation(isActive);
    expect(kindFromSide(state, A)).toBe('client'); // B is A's client
    expect(kindFromSide(state, B)).toBe('supplier'); // A is B's supplier
    expect(kindFromSide(state, OUTSIDER)).toBeUndefined();
    expect(kindFromSide({ status: 'none' }, A)).toBeUndefined();
  });

  it('streams are relation-<id>, and the command handler uses them', () => {
    expect(relationStreamId('abc')).toBe('relation-abc');
    expect(relations.streamId('abc')).toBe('relation-abc');
  });
});

describe('no relation', () => {
  describe('ProposeRelation', () => {
    it('records the proposal with the kind stated canonically', () => {
      spec.given([]).when(propose()).then([proposed]);
    });

    it('requires a label for other, and keeps it', () => {
      const id = relationIdOf(B, A, 'other');
      spec
        .given([])
        .when(propose({ relationId: id, kind: 'other', label: ' Club ', startsOn: undefined, note: undefined }))
        .then([{ type: 'RelationProposed', data: { ...proposedWithoutStart.data, relationId: id, kind: 'other', label: 'Club' } }]);
      spec
        .given([])
        .when(propose({ relationId: id, kind: 'other' }))
        .thenThrows(ValidationError, /^label: is required$/);
    });

    it('refuses a relation with oneself', () => {
      spec
        .given([])
        .when(propose({ partnerCompanyId: B, relationId: relationIdOf(B, B, 'supplier') }))
        .thenThrows(ValidationError, /^partnerCompanyId: must be another company/);
    });

    it('refuses a relation id that is not the one of the pair and kind', () => {
      spec.given([]).when(propose({ relationId: 'whatever' })).thenThrows(ValidationError, /^relationId: /);
    });

    it('reports every bad field at once', () => {
      expect(
        validationDetails([], propose({ kind: 'friend' as never, label: 'x'.repeat(61), startsOn: '2026-02-30', note: 'n'.repeat(2001), by: '', now: 'now' })),
      ).toEqual([
        { field: 'kind', message: 'must be one of client, supplier, partner, co_contractor, subcontractor, contractor, investor, investee, other' },
        { field: 'label', message: 'must be at most 60 characters' },
        { field: 'startsOn', message: 'must be a date YYYY-MM-DD' },
        { field: 'note', message: 'must be at most 2000 characters' },
        { field: 'by', message: 'is required' },
        { field: 'now', message: 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z' },
      ]);
    });

    it('evolves into a proposed relation', () => {
      spec
        .given([])
        .when(propose())
        .thenState((state) =>
          expect(state).toEqual({
            status: 'proposed',
            relationId,
            companies: [A, B],
            kind: 'client',
            proposedBy: { companyId: B, personId: bob },
            startsOn: '2026-04-01',
            agreements: [],
            periods: 1,
          }),
        );
    });
  });

  it.each(commandsOnARelation.map((c) => [c.type, c] as const))('%s -> relation not found', (_type, command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, /^relation not found$/);
  });

  describe('RecordAgreement', () => {
    it('establishes an active relation at once', () => {
      spec.given([]).when(agreement('need-1')).then([established('need-1')]);
    });

    it('accepts the partner-side statement of the same relation', () => {
      spec
        .given([])
        .when(agreement('need-1', { companies: [B, A], kind: 'supplier' }))
        .then([established('need-1')]);
    });

    it('evolves into an active relation holding the agreement', () => {
      spec
        .given([])
        .when(agreement('need-1'))
        .thenState((state) =>
          expect(state).toEqual({
            status: 'active',
            relationId,
            companies: [A, B],
            kind: 'client',
            startsOn: '2026-03-10',
            agreements: ['need-1'],
            periods: 1,
          }),
        );
    });

    it('reports every bad field at once', () => {
      expect(
        validationDetails([], { type: 'RecordAgreement', data: { relationId, companies: [A, A], kind: 'boss' as never, needId: '', by: 'system', now: T2 } }),
      ).toEqual([
        { field: 'companies', message: 'must be two different companies' },
        { field: 'kind', message: expect.stringMatching(/^must be one of /) },
        { field: 'needId', message: 'is required' },
      ]);
    });

    it('refuses a relation id that does not match', () => {
      spec.given([]).when(agreement('need-1', { kind: 'partner' })).thenThrows(ValidationError, /^relationId: /);
    });
  });
});

describe('proposed', () => {
  it('ProposeRelation -> 409 relation is already proposed (by either side)', () => {
    spec.given(isProposed).when(propose()).thenThrows(IllegalStateError, /^relation is already proposed$/);
    spec
      .given(isProposed)
      .when(propose({ actingCompanyId: A, partnerCompanyId: B, kind: 'client', by: alice }))
      .thenThrows(IllegalStateError, /^relation is already proposed$/);
  });

  describe('ConfirmRelation', () => {
    it('by the other company, starting on the proposed date', () => {
      spec.given(isProposed).when(act('ConfirmRelation', A)).then([confirmed]);
    });

    it('starting today when the proposal had no date', () => {
      spec
        .given([proposedWithoutStart])
        .when(act('ConfirmRelation', A))
        .then([{ ...confirmed, data: { ...confirmed.data, startsOn: '2026-03-02' } }]);
    });

    it('starting on the date the confirming company gives', () => {
      spec
        .given(isProposed)
        .when(act('ConfirmRelation', A, { startsOn: '2026-05-01' }))
        .then([{ ...confirmed, data: { ...confirmed.data, startsOn: '2026-05-01' } }]);
    });

    it('refuses a bad date', () => {
      spec.given(isProposed).when(act('ConfirmRelation', A, { startsOn: 'tomorrow' })).thenThrows(ValidationError, /^startsOn: /);
    });

    it('proposer confirming -> 409', () => {
      spec.given(isProposed).when(act('ConfirmRelation', B)).thenThrows(IllegalStateError, /^only the other company can confirm$/);
    });

    it('non-party -> 404', () => {
      spec.given(isProposed).when(act('ConfirmRelation', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
    });

    it('evolves into an active relation', () => {
      spec
        .given(isProposed)
        .when(act('ConfirmRelation', A))
        .thenState((state) => expect(state).toMatchObject({ status: 'active', startsOn: '2026-04-01', periods: 1 }));
    });
  });

  describe('DeclineRelation', () => {
    it('by the other company, with its reason', () => {
      spec
        .given(isProposed)
        .when(act('DeclineRelation', A, { reason: ' pas maintenant ' }))
        .then([{ type: 'RelationDeclined', data: { relationId, companyId: A, reason: 'pas maintenant', by: alice, at: T1 } }]);
      spec.given(isProposed).when(act('DeclineRelation', A)).then([declined]);
    });

    it('proposer declining -> 409', () => {
      spec.given(isProposed).when(act('DeclineRelation', B)).thenThrows(IllegalStateError, /^only the other company can decline/);
    });

    it('non-party -> 404', () => {
      spec.given(isProposed).when(act('DeclineRelation', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
    });

    it('refuses a reason too long', () => {
      spec.given(isProposed).when(act('DeclineRelation', A, { reason: 'r'.repeat(1001) })).thenThrows(ValidationError, /^reason: /);
    });

    it('evolves into declined', () => {
      spec.given(isProposed).when(act('DeclineRelation', A)).thenState((s) => expect(s.status).toBe('declined'));
    });
  });

  describe('WithdrawRelationProposal', () => {
    it('by the proposer', () => {
      spec.given(isProposed).when(act('WithdrawRelationProposal', B)).then([withdrawn]);
    });

    it('by the other company -> 409', () => {
      spec.given(isProposed).when(act('WithdrawRelationProposal', A)).thenThrows(IllegalStateError, /^only the proposing company can withdraw/);
    });

    it('non-party -> 404', () => {
      spec.given(isProposed).when(act('WithdrawRelationProposal', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
    });

    it('evolves into withdrawn', () => {
      spec.given(isProposed).when(act('WithdrawRelationProposal', B)).thenState((s) => expect(s.status).toBe('withdrawn'));
    });
  });

  it('SuspendRelation -> 409', () => {
    spec.given(isProposed).when(act('SuspendRelation', A)).thenThrows(IllegalStateError, /^cannot suspend: relation is proposed$/);
  });

  it('ResumeRelation -> 409', () => {
    spec.given(isProposed).when(act('ResumeRelation', A)).thenThrows(IllegalStateError, /^cannot resume: relation is proposed$/);
  });

  it('EndRelation -> 409 (withdraw or decline instead)', () => {
    spec.given(isProposed).when(act('EndRelation', A)).thenThrows(IllegalStateError, /withdraw or decline/);
  });

  describe('RecordAgreement', () => {
    it('activates the proposed relation', () => {
      spec.given(isProposed).when(agreement('need-1')).then([established('need-1', '2026-04-01')]);
      spec.given([proposedWithoutStart]).when(agreement('need-1')).then([established('need-1')]);
    });

    it('evolves into active in the same period, keeping the proposer', () => {
      spec
        .given(isProposed)
        .when(agreement('need-1'))
        .thenState((s) =>
          expect(s).toMatchObject({ status: 'active', proposedBy: { companyId: B, personId: bob }, agreements: ['need-1'], periods: 1 }),
        );
    });
  });
});

describe('active', () => {
  it('ProposeRelation -> 409 relation is already active', () => {
    spec.given(isActive).when(propose()).thenThrows(IllegalStateError, /^relation is already active$/);
  });

  it('confirming twice -> 409 relation is already active', () => {
    spec.given(isActive).when(act('ConfirmRelation', A)).thenThrows(IllegalStateError, /^relation is already active$/);
    spec.given(isActive).when(act('ConfirmRelation', B)).thenThrows(IllegalStateError, /^relation is already active$/);
  });

  it('DeclineRelation -> 409', () => {
    spec.given(isActive).when(act('DeclineRelation', A)).thenThrows(IllegalStateError, /^cannot decline: relation is active$/);
  });

  it('WithdrawRelationProposal -> 409', () => {
    spec.given(isActive).when(act('WithdrawRelationProposal', B)).thenThrows(IllegalStateError, /^cannot withdraw the proposal: relation is active$/);
  });

  describe('SuspendRelation', () => {
    it('by either company', () => {
      spec.given(isActive).when(act('SuspendRelation', A, { reason: 'retards' })).then([suspended]);
      spec
        .given(isActive)
        .when(act('SuspendRelation', B))
        .then([{ type: 'RelationSuspended', data: { relationId, companyId: B, by: bob, at: T1 } }]);
    });

    it('non-party -> 404', () => {
      spec.given(isActive).when(act('SuspendRelation', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
    });

    it('evolves into suspended, remembering who suspended', () => {
      spec
        .given(isActive)
        .when(act('SuspendRelation', A))
        .thenState((s) => expect(s).toMatchObject({ status: 'suspended', suspendedBy: A }));
    });
  });

  it('ResumeRelation -> 409 relation is already active', () => {
    spec.given(isActive).when(act('ResumeRelation', A)).thenThrows(IllegalStateError, /^relation is already active$/);
  });

  describe('EndRelation', () => {
    it('by either company, on the given date', () => {
      spec.given(isActive).when(act('EndRelation', A, { endsOn: '2026-04-30' })).then([ended]);
    });

    it('today by default, with the reason', () => {
      spec
        .given([proposedWithoutStart, { ...confirmed, data: { ...confirmed.data, startsOn: '2026-03-01' } }])
        .when(act('EndRelation', B, { reason: 'fin du contrat' }))
        .then([{ type: 'RelationEnded', data: { relationId, companyId: B, endsOn: '2026-03-02', reason: 'fin du contrat', by: bob, at: T1 } }]);
    });

    it('never before the start of a relation that has not started yet', () => {
      spec
        .given(isActive)
        .when(act('EndRelation', A))
        .then([{ ...ended, data: { ...ended.data, endsOn: '2026-04-01' } }]);
    });

    it('refuses an end before the start', () => {
      spec
        .given(isActive)
        .when(act('EndRelation', A, { endsOn: '2026-03-31' }))
        .thenThrows(ValidationError, /^endsOn: must not be before the relation's start \(2026-04-01\)$/);
    });

    it('reports every bad field at once', () => {
      expect(validationDetails(isActive, act('EndRelation', A, { endsOn: '31/03/2026', reason: 'r'.repeat(1001), now: '' }))).toEqual([
        { field: 'now', message: expect.any(String) },
        { field: 'endsOn', message: 'must be a date YYYY-MM-DD' },
        { field: 'reason', message: 'must be at most 1000 characters' },
      ]);
    });

    it('non-party -> 404', () => {
      spec.given(isActive).when(act('EndRelation', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
    });

    it('evolves into ended', () => {
      spec
        .given(isActive)
        .when(act('EndRelation', A, { endsOn: '2026-04-30' }))
        .thenState((s) => expect(s).toMatchObject({ status: 'ended', startsOn: '2026-04-01', endsOn: '2026-04-30' }));
    });
  });

  describe('RecordAgreement', () => {
    it('strengthens the relation', () => {
      spec.given(isActive).when(agreement('need-1')).then([strengthened('need-1')]);
    });

    it('does nothing for a need already recorded', () => {
      spec.given([...isActive, strengthened('need-1')]).when(agreement('need-1')).thenNothingHappens();
      spec.given([established('need-1')]).when(agreement('need-1')).thenNothingHappens();
    });

    it('evolves: the agreement is remembered, the status unchanged', () => {
      spec
        .given(isActive)
        .when(agreement('need-1'))
        .thenState((s) => expect(s).toMatchObject({ status: 'active', agreements: ['need-1'] }));
    });
  });
});

describe('suspended', () => {
  it('ProposeRelation -> 409 relation is already suspended', () => {
    spec.given(isSuspended).when(propose()).thenThrows(IllegalStateError, /^relation is already suspended$/);
  });

  it('ConfirmRelation -> 409', () => {
    spec.given(isSuspended).when(act('ConfirmRelation', A)).thenThrows(IllegalStateError, /^cannot confirm: relation is suspended$/);
  });

  it('DeclineRelation / WithdrawRelationProposal -> 409', () => {
    spec.given(isSuspended).when(act('DeclineRelation', A)).thenThrows(IllegalStateError, /relation is suspended$/);
    spec.given(isSuspended).when(act('WithdrawRelationProposal', B)).thenThrows(IllegalStateError, /relation is suspended$/);
  });

  it('suspending twice -> 409 relation is already suspended', () => {
    spec.given(isSuspended).when(act('SuspendRelation', B)).thenThrows(IllegalStateError, /^relation is already suspended$/);
  });

  describe('ResumeRelation', () => {
    it('by either company', () => {
      spec.given(isSuspended).when(act('ResumeRelation', B)).then([resumed]);
    });

    it('non-party -> 404', () => {
      spec.given(isSuspended).when(act('ResumeRelation', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
    });

    it('evolves back to active, forgetting who suspended', () => {
      spec
        .given(isSuspended)
        .when(act('ResumeRelation', B))
        .thenState((s) => {
          expect(s.status).toBe('active');
          expect(s).not.toHaveProperty('suspendedBy');
        });
    });
  });

  it('EndRelation ends it', () => {
    spec.given(isSuspended).when(act('EndRelation', A, { endsOn: '2026-04-30' })).then([ended]);
    spec
      .given(isSuspended)
      .when(act('EndRelation', A, { endsOn: '2026-04-30' }))
      .thenState((s) => expect(s).not.toHaveProperty('suspendedBy'));
  });

  it('RecordAgreement strengthens it and keeps it suspended', () => {
    spec.given(isSuspended).when(agreement('need-2')).then([strengthened('need-2')]);
    spec
      .given(isSuspended)
      .when(agreement('need-2'))
      .thenState((s) => expect(s).toMatchObject({ status: 'suspended', agreements: ['need-2'] }));
  });
});

describe.each([
  ['ended', isEnded, 'relation is ended'],
  ['declined', isDeclined, 'relation proposal was declined'],
  ['withdrawn', isWithdrawn, 'relation proposal was withdrawn'],
] as const)('%s', (status, given, described) => {
  it('ProposeRelation starts a new period, by either company', () => {
    spec.given([...given]).when(propose({ now: T2 })).then([{ ...proposed, data: { ...proposed.data, at: T2 } }]);
    spec
      .given([...given])
      .when(propose({ actingCompanyId: A, partnerCompanyId: B, kind: 'client', by: alice, startsOn: undefined, note: undefined, now: T2 }))
      .thenState((s) => {
        expect(s).toEqual({
          status: 'proposed',
          relationId,
          companies: [A, B],
          kind: 'client',
          proposedBy: { companyId: A, personId: alice },
          agreements: [],
          periods: 2,
        } satisfies RelationState);
      });
  });

  it('ConfirmRelation -> 409', () => {
    spec.given([...given]).when(act('ConfirmRelation', A)).thenThrows(IllegalStateError, new RegExp(`^cannot confirm: ${described}$`));
  });

  it('DeclineRelation -> 409', () => {
    const expected = status === 'declined' ? /^relation proposal was already declined$/ : new RegExp(`^cannot decline: ${described}$`);
    spec.given([...given]).when(act('DeclineRelation', A)).thenThrows(IllegalStateError, expected);
  });

  it('WithdrawRelationProposal -> 409', () => {
    const expected = status === 'withdrawn' ? /^relation proposal was already withdrawn$/ : new RegExp(`^cannot withdraw the proposal: ${described}$`);
    spec.given([...given]).when(act('WithdrawRelationProposal', B)).thenThrows(IllegalStateError, expected);
  });

  it('SuspendRelation / ResumeRelation -> 409', () => {
    spec.given([...given]).when(act('SuspendRelation', A)).thenThrows(IllegalStateError, new RegExp(`^cannot suspend: ${described}$`));
    spec.given([...given]).when(act('ResumeRelation', A)).thenThrows(IllegalStateError, new RegExp(`^cannot resume: ${described}$`));
  });

  it('EndRelation -> 409', () => {
    const expected = status === 'ended' ? /^relation is already ended$/ : new RegExp(`^cannot end: ${described}$`);
    spec.given([...given]).when(act('EndRelation', A)).thenThrows(IllegalStateError, expected);
  });

  it('a non-party -> 404 before anything else', () => {
    spec.given([...given]).when(act('EndRelation', OUTSIDER)).thenThrows(NotFoundError, /^relation not found$/);
  });

  it('RecordAgreement establishes a new active period', () => {
    spec.given([...given]).when(agreement('need-3')).then([established('need-3')]);
    spec
      .given([...given])
      .when(agreement('need-3'))
      .thenState((s) => {
        expect(s).toEqual({
          status: 'active',
          relationId,
          companies: [A, B],
          kind: 'client',
          startsOn: '2026-03-10',
          agreements: ['need-3'],
          periods: 2,
        } satisfies RelationState);
      });
  });
});

describe('after an agreement ended', () => {
  it('a later agreement on the same need still does nothing', () => {
    spec.given([established('need-1'), ended]).when(agreement('need-1')).thenNothingHappens();
  });
});
