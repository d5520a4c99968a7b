import { DomainError, IllegalStateError, NotFoundError, ValidationError, luhnValid } from '@opn/kernel';
import { DeciderSpecification, decideAll } from '@opn/testing';
import { Membership, MembershipStatus } from '../roster/membership';
import { ImportRow, TerritoryCommand } from './territory.commands';
import { Territory, TerritoryState, importRows, membershipOf, membershipsOf, territoryDecider } from './territory.decider';
import { MemberImported, TerritoryEvent } from './territory.events';

const spec = DeciderSpecification.for(territoryDecider);

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-10T09:00:00.000Z';
const LATER = '2027-02-01T09:00:00.000Z'; // after the membership's last day
const territoryId = 'terr-rhone';
const coordinator = 'p-claire';
const firmPerson = 'p-firm';
const S = '732829320';
const S2 = '443061841';
const S3 = '552100554';
const company = 'co-acme';

const created: TerritoryEvent = {
  type: 'TerritoryCreated',
  data: {
    territoryId,
    name: 'Vallée du Rhône',
    kind: 'geographic',
    level: 'employment_area',
    perimeter: { postcodes: [], communes: [], departements: ['69'], nafCodes: [] },
    by: 'p-admin',
    at: T0,
  },
};

const ev = <T extends TerritoryEvent['type']>(type: T, data: Record<string, unknown>, by = coordinator, at = T1): TerritoryEvent =>
  ({ type, data: { territoryId, siren: S, ...data, by, at } }) as TerritoryEvent;

const applied = ev('MembershipApplied', { companyId: company, message: 'Nous usinons' }, firmPerson);
const invited = ev('MemberInvited', { message: 'Rejoignez-nous' });
const infoRequested = ev('InformationRequested', { question: 'Combien de salariés ?' });
const admitted = ev('MembershipAdmitted', { companyId: company, origin: 'application', validUntil: '2026-12-31', groups: ['Mécanique'] });
const refused = ev('MembershipRefused', { reason: 'Hors périmètre' });
const declined = ev('InvitationDeclined', {}, firmPerson);
const withdrawn = ev('ApplicationWithdrawn', {}, firmPerson);
const ended = ev('MembershipEnded', { reason: 'Déménagement', initiatedBy: 'firm' }, firmPerson, T2);

type Reached = MembershipStatus | 'none';
const REACH: Record<Reached, TerritoryEvent[]> = {
  none: [created],
  applied: [created, applied],
  info_requested: [created, applied, infoRequested],
  invited: [created, invited],
  admitted: [created, applied, admitted],
  refused: [created, applied, refused],
  declined: [created, invited, declined],
  withdrawn: [created, applied, withdrawn],
  exited: [created, applied, admitted, ended],
};
const STATES = Object.keys(REACH) as Reached[];

const cmd = <T extends Exclude<TerritoryCommand['type'], 'CreateTerritory'>>(type: T, extra: Record<string, unknown> = {}, by = coordinator): TerritoryCommand =>
  ({ type, data: { siren: S, by, now: T2, ...extra } }) as TerritoryCommand;

const COMMANDS = {
  Apply: cmd('Apply', { companyId: company }, firmPerson),
  WithdrawApplication: cmd('WithdrawApplication', {}, firmPerson),
  Invite: cmd('Invite'),
  AcceptInvitation: cmd('AcceptInvitation', { companyId: company }, firmPerson),
  DeclineInvitation: cmd('DeclineInvitation', {}, firmPerson),
  RequestInformation: cmd('RequestInformation', { question: 'Quels clients ?' }),
  ProvideInformation: cmd('ProvideInformation', { answer: 'Aéronautique' }, firmPerson),
  Admit: cmd('Admit'),
  Refuse: cmd('Refuse', { reason: 'Hors périmètre' }),
  Renew: cmd('Renew', { validUntil: '2027-12-31' }),
  ExitMembership: cmd('ExitMembership', { reason: 'Cessation', initiatedBy: 'coordinator' }),
  SetMemberGroups: cmd('SetMemberGroups', { groups: ['Sous-traitance'] }),
} as const;
type Name = keyof typeof COMMANDS;

const DESCRIBED: Record<MembershipStatus, string> = {
  invited: 'the firm is invited',
  applied: 'the firm has applied',
  info_requested: 'the firm has applied and a question waits for its answer',
  admitted: 'the firm is admitted',
  refused: "the firm's application was refused",
  declined: 'the firm declined the invitation',
  withdrawn: 'the firm withdrew its application',
  exited: 'the firm has left the territory',
};

/** What each command gives in each state: the event it decides, or the refusal. */
type Outcome = string | [typeof NotFoundError | typeof IllegalStateError, string];
const NOT_FOUND: Outcome = [NotFoundError, `no membership for SIREN ${S}`];
const refusedAs = (message: string): Outcome => [IllegalStateError, message];
function expected(name: Name, state: Reached): Outcome {
  const cannot = (verb: string) => (state === 'none' ? NOT_FOUND : refusedAs(`cannot ${verb}: ${DESCRIBED[state]}`));
  const closed = ['none', 'refused', 'declined', 'withdrawn', 'exited'].includes(state);
  const pending = state === 'applied' || state === 'info_requested';
  switch (name) {
    case 'Apply':
      if (closed) return 'MembershipApplied';
      if (pending) return refusedAs('an application is already pending');
      return refusedAs(state === 'invited' ? 'an invitation is waiting: accept it' : 'firm is already admitted');
    case 'Invite':
      if (closed) return 'MemberInvited';
      if (pending) return refusedAs('an application is pending: admit or refuse it');
      return refusedAs(state === 'invited' ? 'firm is already invited' : 'firm is already admitted');
    case 'WithdrawApplication':
      return pending ? 'ApplicationWithdrawn' : state === 'withdrawn' ? refusedAs('application was already withdrawn') : cannot('withdraw the application');
    case 'AcceptInvitation':
      return state === 'invited' ? 'MembershipAdmitted' : state === 'admitted' ? refusedAs('firm is already admitted') : cannot('accept the invitation');
    case 'DeclineInvitation':
      return state === 'invited' ? 'InvitationDeclined' : state === 'declined' ? refusedAs('invitation was already declined') : cannot('decline the invitation');
    case 'RequestInformation':
      return pending ? 'InformationRequested' : cannot('request information');
    case 'ProvideInformation':
      if (state === 'info_requested') return 'InformationProvided';
      return state === 'applied' ? refusedAs('cannot provide information: no question waits for an answer') : cannot('provide information');
    case 'Admit':
      if (pending) return 'MembershipAdmitted';
      if (state === 'invited') return refusedAs('cannot admit: the firm is invited, it accepts the invitation itself');
      return state === 'admitted' ? refusedAs('firm is already admitted') : cannot('admit');
    case 'Refuse':
      return pending ? 'MembershipRefused' : state === 'refused' ? refusedAs('application was already refused') : cannot('refuse');
    case 'Renew':
      return state === 'admitted' ? 'MembershipRenewed' : cannot('renew');
    case 'ExitMembership':
      return state === 'admitted' ? 'MembershipEnded' : state === 'exited' ? refusedAs('firm has already left the territory') : cannot('end the membership');
    case 'SetMemberGroups':
      return state === 'admitted' ? 'MemberGroupsChanged' : cannot('set the groups');
  }
}

const territory = (events: TerritoryEvent[]): Territory => {
  const state: TerritoryState = events.reduce(territoryDecider.evolve, territoryDecider.initialState());
  if (state.status === 'none') throw new Error('no territory');
  return state;
};
const member = (events: TerritoryEvent[], siren = S): Membership | undefined => membershipOf(territory(events), siren);

/** A valid SIREN from 8 digits: the Luhn check digit appended. */
const sirenOf = (n: number): string => {
  const body = String(n).padStart(8, '0');
  for (let d = 0; d < 10; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
};

describe('every command in every state of a firm\'s membership', () => {
  const cases = (Object.keys(COMMANDS) as Name[]).flatMap((name) => STATES.map((state) => [name, state, expected(name, state)] as const));
  it.each(cases)('%s when %s -> %p', (name, state, outcome) => {
    if (typeof outcome === 'string') {
      const decided = [territoryDecider.decide(COMMANDS[name], REACH[state].reduce(territoryDecider.evolve, territoryDecider.initialState()))].flat();
      expect(decided.map((e) => e.type)).toEqual([outcome]);
    } else {
      const message = new RegExp(`^${outcome[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      spec.given(REACH[state]).when(COMMANDS[name]).thenThrows(outcome[0] as new (...args: never[]) => DomainError, message);
    }
  });
});

describe('Apply', () => {
  it('records the application, SIREN normalised and message trimmed', () => {
    spec
      .given([created])
      .when(cmd('Apply', { siren: ' 732 829 320 ', companyId: company, message: ' Nous usinons ', now: T1 }, firmPerson))
      .then([applied]);
    spec
      .given([created])
      .when(cmd('Apply', { companyId: company, message: '  ' }, firmPerson))
      .then([{ type: 'MembershipApplied', data: { territoryId, siren: S, companyId: company, by: firmPerson, at: T2 } }]);
  });

  it('evolves into an applied membership', () => {
    expect(member([created, applied])).toEqual({ siren: S, companyId: company, groups: [], status: 'applied', origin: 'application', since: T1, admissions: 0 });
  });

  it('reports every bad field at once: SIREN format, company, message', () => {
    expect(spec.given([created]).when(cmd('Apply', { siren: '73282932', companyId: '', message: 'm'.repeat(2001), by: '' })).thenValidationDetails()).toEqual([
      { field: 'siren', message: 'must be 9 digits' },
      { field: 'companyId', message: 'is required' },
      { field: 'message', message: 'must be at most 2000 characters' },
      { field: 'by', message: 'is required' },
    ]);
  });

  it('refuses a SIREN whose check digit is wrong', () => {
    spec.given([created]).when(cmd('Apply', { siren: '732829321', companyId: company })).thenThrows(ValidationError, /^siren: is not a valid SIREN \(check digit\)$/);
  });

  it('says a lapsed member needs a renewal, not an application', () => {
    spec
      .given(REACH.admitted)
      .when(cmd('Apply', { companyId: company, now: LATER }))
      .thenThrows(IllegalStateError, /^firm is already admitted \(its membership lapsed after 2026-12-31: renew it\)$/);
  });

  it('a new application after an exit keeps what the roster knew of the firm and starts the rest over', () => {
    const imported = ev('MemberImported', { name: 'ACME', contactEmail: 'jo@acme.fr', groups: ['Mécanique'], importId: 'imp-1' });
    const exit = ev('MembershipEnded', { reason: 'Cessation', initiatedBy: 'coordinator' });
    const again = ev('MembershipApplied', { companyId: company }, firmPerson, T2);
    expect(member([created, imported, exit, again])).toEqual({
      siren: S,
      companyId: company,
      name: 'ACME',
      contactEmail: 'jo@acme.fr',
      groups: [],
      status: 'applied',
      origin: 'application',
      since: T2,
      admissions: 1,
    });
  });
});

describe('WithdrawApplication', () => {
  it('records the withdrawal, also while a question is open, and evolves', () => {
    const expectedEvent = { type: 'ApplicationWithdrawn', data: { territoryId, siren: S, by: firmPerson, at: T2 } };
    spec.given(REACH.applied).when(COMMANDS.WithdrawApplication).then([expectedEvent as TerritoryEvent]);
    spec.given(REACH.info_requested).when(COMMANDS.WithdrawApplication).then([expectedEvent as TerritoryEvent]);
    spec.given(REACH.info_requested).when(COMMANDS.WithdrawApplication).thenState((s) => {
      const m = membershipOf(s as Territory, S);
      expect(m).toMatchObject({ status: 'withdrawn', since: T2 });
      expect(m).not.toHaveProperty('question');
    });
  });

  it('refuses a bad SIREN', () => {
    expect(spec.given(REACH.applied).when(cmd('WithdrawApplication', { siren: 'abc' })).thenValidationDetails()).toEqual([{ field: 'siren', message: 'must be 9 digits' }]);
  });
});

describe('Invite', () => {
  it('records the invitation with its company, message and offered term', () => {
    spec
      .given([created])
      .when(cmd('Invite', { companyId: company, message: ' Bienvenue ', validUntil: '2026-12-31' }))
      .then([{ type: 'MemberInvited', data: { territoryId, siren: S, companyId: company, message: 'Bienvenue', validUntil: '2026-12-31', by: coordinator, at: T2 } }]);
    spec.given([created]).when(cmd('Invite')).then([{ type: 'MemberInvited', data: { territoryId, siren: S, by: coordinator, at: T2 } }]);
  });

  it('evolves into an invited membership', () => {
    const withTerm = ev('MemberInvited', { companyId: company, validUntil: '2026-12-31' });
    expect(member([created, withTerm])).toEqual({ siren: S, companyId: company, validUntil: '2026-12-31', groups: [], status: 'invited', origin: 'invitation', since: T1, admissions: 0 });
  });

  it('reports every bad field at once', () => {
    expect(spec.given([created]).when(cmd('Invite', { siren: '', companyId: '', message: 'm'.repeat(2001), validUntil: '2026-03-10' })).thenValidationDetails()).toEqual([
      { field: 'siren', message: 'must be 9 digits' },
      { field: 'companyId', message: 'is required' },
      { field: 'message', message: 'must be at most 2000 characters' },
      { field: 'validUntil', message: 'must be after today' },
    ]);
    expect(spec.given([created]).when(cmd('Invite', { validUntil: '31/12/2026' })).thenValidationDetails()).toEqual([
      { field: 'validUntil', message: 'must be a date YYYY-MM-DD' },
    ]);
  });
});

describe('AcceptInvitation', () => {
  it('admits the firm, with the term the invitation offered', () => {
    spec
      .given([created, ev('MemberInvited', { validUntil: '2026-12-31' })])
      .when(COMMANDS.AcceptInvitation)
      .then([
        { type: 'MembershipAdmitted', data: { territoryId, siren: S, companyId: company, origin: 'invitation', validUntil: '2026-12-31', groups: [], by: firmPerson, at: T2 } },
      ]);
    spec
      .given(REACH.invited)
      .when(COMMANDS.AcceptInvitation)
      .then([{ type: 'MembershipAdmitted', data: { territoryId, siren: S, companyId: company, origin: 'invitation', groups: [], by: firmPerson, at: T2 } }]);
  });

  it('evolves into an admitted membership', () => {
    spec.given(REACH.invited).when(COMMANDS.AcceptInvitation).thenState((s) =>
      expect(membershipOf(s as Territory, S)).toEqual({
        siren: S,
        companyId: company,
        groups: [],
        status: 'admitted',
        origin: 'invitation',
        since: T2,
        admittedAt: T2,
        admissions: 1,
      }),
    );
  });

  it('refuses when the term the invitation offered is over', () => {
    spec
      .given([created, ev('MemberInvited', { validUntil: '2026-12-31' })])
      .when(cmd('AcceptInvitation', { companyId: company, now: LATER }))
      .thenThrows(IllegalStateError, /^cannot accept the invitation: the membership it offered ends on 2026-12-31, ask for a new invitation$/);
  });

  it('requires the company', () => {
    expect(spec.given(REACH.invited).when(cmd('AcceptInvitation', {})).thenValidationDetails()).toEqual([{ field: 'companyId', message: 'is required' }]);
  });
});

describe('DeclineInvitation', () => {
  it('records the decline with its reason, and evolves', () => {
    spec
      .given(REACH.invited)
      .when(cmd('DeclineInvitation', { reason: ' Pas le moment ' }, firmPerson))
      .then([{ type: 'InvitationDeclined', data: { territoryId, siren: S, reason: 'Pas le moment', by: firmPerson, at: T2 } }]);
    spec
      .given([created, ev('MemberInvited', { validUntil: '2026-12-31' })])
      .when(cmd('DeclineInvitation', { reason: 'Non' }, firmPerson))
      .thenState((s) => {
        const m = membershipOf(s as Territory, S);
        expect(m).toMatchObject({ status: 'declined', reason: 'Non' });
        expect(m).not.toHaveProperty('validUntil');
      });
  });

  it('refuses a reason too long', () => {
    expect(spec.given(REACH.invited).when(cmd('DeclineInvitation', { reason: 'r'.repeat(2001) })).thenValidationDetails()).toEqual([
      { field: 'reason', message: 'must be at most 2000 characters' },
    ]);
  });
});

describe('RequestInformation and ProvideInformation', () => {
  it('records the question; asking again replaces it', () => {
    spec
      .given(REACH.applied)
      .when(cmd('RequestInformation', { question: ' Combien de salariés ? ' }))
      .then([{ type: 'InformationRequested', data: { territoryId, siren: S, question: 'Combien de salariés ?', by: coordinator, at: T2 } }]);
    spec
      .given(REACH.info_requested)
      .when(COMMANDS.RequestInformation)
      .thenState((s) => expect(membershipOf(s as Territory, S)).toMatchObject({ status: 'info_requested', question: 'Quels clients ?' }));
  });

  it('records the answer and goes back to applied, the question closed', () => {
    spec
      .given(REACH.info_requested)
      .when(COMMANDS.ProvideInformation)
      .then([{ type: 'InformationProvided', data: { territoryId, siren: S, answer: 'Aéronautique', by: firmPerson, at: T2 } }]);
    spec.given(REACH.info_requested).when(COMMANDS.ProvideInformation).thenState((s) => {
      const m = membershipOf(s as Territory, S);
      expect(m).toMatchObject({ status: 'applied', since: T2 });
      expect(m).not.toHaveProperty('question');
    });
  });

  it('a question of 1..2000 characters, an answer of 1..4000', () => {
    expect(spec.given(REACH.applied).when(cmd('RequestInformation', { question: ' ' })).thenValidationDetails()).toEqual([{ field: 'question', message: 'must not be empty' }]);
    expect(spec.given(REACH.applied).when(cmd('RequestInformation', { question: 'q'.repeat(2001) })).thenValidationDetails()).toEqual([
      { field: 'question', message: 'must be at most 2000 characters' },
    ]);
    expect(spec.given(REACH.info_requested).when(cmd('ProvideInformation', {})).thenValidationDetails()).toEqual([{ field: 'answer', message: 'is required' }]);
    expect(spec.given(REACH.info_requested).when(cmd('ProvideInformation', { answer: 'a'.repeat(4001) })).thenValidationDetails()).toEqual([
      { field: 'answer', message: 'must be at most 4000 characters' },
    ]);
    spec.given(REACH.info_requested).when(cmd('ProvideInformation', { answer: 'a'.repeat(4000) })).thenState(() => undefined);
  });
});

describe('Admit', () => {
  it('admits the applicant with its company, groups (sorted, deduped) and term', () => {
    spec
      .given(REACH.info_requested)
      .when(cmd('Admit', { validUntil: '2026-12-31', groups: [' Sous-traitance ', 'Mécanique', 'Sous-traitance'] }))
      .then([
        {
          type: 'MembershipAdmitted',
          data: { territoryId, siren: S, companyId: company, origin: 'application', validUntil: '2026-12-31', groups: ['Mécanique', 'Sous-traitance'], by: coordinator, at: T2 },
        },
      ]);
    spec
      .given(REACH.applied)
      .when(COMMANDS.Admit)
      .then([{ type: 'MembershipAdmitted', data: { territoryId, siren: S, companyId: company, origin: 'application', groups: [], by: coordinator, at: T2 } }]);
  });

  it('evolves into an admitted membership', () => {
    expect(member(REACH.admitted)).toEqual({
      siren: S,
      companyId: company,
      groups: ['Mécanique'],
      status: 'admitted',
      origin: 'application',
      since: T1,
      admittedAt: T1,
      validUntil: '2026-12-31',
      admissions: 1,
    });
  });

  it('reports every bad field at once', () => {
    expect(spec.given(REACH.applied).when(cmd('Admit', { validUntil: '2026-03-10', groups: ['', 'g'.repeat(61)] })).thenValidationDetails()).toEqual([
      { field: 'validUntil', message: 'must be after today' },
      { field: 'groups[0]', message: 'must not be empty' },
    ]);
    expect(spec.given(REACH.applied).when(cmd('Admit', { groups: ['g'.repeat(61)] })).thenValidationDetails()).toEqual([
      { field: 'groups[0]', message: 'must be at most 60 characters' },
    ]);
    expect(spec.given(REACH.applied).when(cmd('Admit', { groups: Array.from({ length: 21 }, (_, i) => `g${i}`) })).thenValidationDetails()).toEqual([
      { field: 'groups', message: 'must hold at most 20 groups' },
    ]);
  });
});

describe('Refuse', () => {
  it('records the refusal with its reason, and evolves', () => {
    spec.given(REACH.applied).when(COMMANDS.Refuse).then([{ type: 'MembershipRefused', data: { territoryId, siren: S, reason: 'Hors périmètre', by: coordinator, at: T2 } }]);
    spec.given(REACH.info_requested).when(COMMANDS.Refuse).thenState((s) => {
      const m = membershipOf(s as Territory, S);
      expect(m).toMatchObject({ status: 'refused', reason: 'Hors périmètre' });
      expect(m).not.toHaveProperty('question');
    });
  });

  it('requires a reason of 1..2000 characters', () => {
    expect(spec.given(REACH.applied).when(cmd('Refuse', {})).thenValidationDetails()).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(spec.given(REACH.applied).when(cmd('Refuse', { reason: 'r'.repeat(2001) })).thenValidationDetails()).toEqual([
      { field: 'reason', message: 'must be at most 2000 characters' },
    ]);
  });
});

describe('Renew', () => {
  it('records the new last day and the previous one, and evolves', () => {
    spec
      .given(REACH.admitted)
      .when(COMMANDS.Renew)
      .then([{ type: 'MembershipRenewed', data: { territoryId, siren: S, validUntil: '2027-12-31', previousValidUntil: '2026-12-31', by: coordinator, at: T2 } }]);
    spec.given(REACH.admitted).when(COMMANDS.Renew).thenState((s) => expect(membershipOf(s as Territory, S)).toMatchObject({ status: 'admitted', validUntil: '2027-12-31' }));
  });

  it('renews a lapsed membership', () => {
    spec
      .given(REACH.admitted)
      .when(cmd('Renew', { validUntil: '2028-01-31', now: LATER }))
      .then([{ type: 'MembershipRenewed', data: { territoryId, siren: S, validUntil: '2028-01-31', previousValidUntil: '2026-12-31', by: coordinator, at: LATER } }]);
  });

  it('the new last day must be after the current one and after today', () => {
    expect(spec.given(REACH.admitted).when(cmd('Renew', { validUntil: '2026-12-31' })).thenValidationDetails()).toEqual([
      { field: 'validUntil', message: "must be after the membership's current last day (2026-12-31)" },
    ]);
    expect(spec.given(REACH.admitted).when(cmd('Renew', { validUntil: '2027-01-15', now: LATER })).thenValidationDetails()).toEqual([
      { field: 'validUntil', message: 'must be after today' },
    ]);
    expect(spec.given(REACH.admitted).when(cmd('Renew', {})).thenValidationDetails()).toEqual([{ field: 'validUntil', message: 'must be a date YYYY-MM-DD' }]);
  });

  it('an open-ended membership has nothing to renew -> 409', () => {
    spec
      .given([created, applied, ev('MembershipAdmitted', { companyId: company, origin: 'application', groups: [] })])
      .when(COMMANDS.Renew)
      .thenThrows(IllegalStateError, /^cannot renew: the membership has no end date$/);
  });
});

describe('ExitMembership', () => {
  it('records the end, who initiated it and why, and evolves', () => {
    spec
      .given(REACH.admitted)
      .when(cmd('ExitMembership', { reason: ' Déménagement ', initiatedBy: 'firm' }, firmPerson))
      .then([ended]);
    expect(member(REACH.exited)).toMatchObject({ status: 'exited', reason: 'Déménagement', endedBy: 'firm', since: T2, admissions: 1 });
  });

  it('reports every bad field at once', () => {
    expect(spec.given(REACH.admitted).when(cmd('ExitMembership', { reason: '', initiatedBy: 'platform' })).thenValidationDetails()).toEqual([
      { field: 'reason', message: 'must not be empty' },
      { field: 'initiatedBy', message: 'must be one of firm, coordinator' },
    ]);
  });
});

describe('SetMemberGroups', () => {
  it('records the groups and the previous ones, and evolves', () => {
    spec
      .given(REACH.admitted)
      .when(cmd('SetMemberGroups', { groups: ['Sous-traitance', ' Mécanique'] }))
      .then([{ type: 'MemberGroupsChanged', data: { territoryId, siren: S, groups: ['Mécanique', 'Sous-traitance'], before: ['Mécanique'], by: coordinator, at: T2 } }]);
    spec.given(REACH.admitted).when(cmd('SetMemberGroups', { groups: [] })).thenState((s) => expect(membershipOf(s as Territory, S)?.groups).toEqual([]));
  });

  it('nothing when the groups are the same', () => {
    spec.given(REACH.admitted).when(cmd('SetMemberGroups', { groups: ['Mécanique ', 'Mécanique'] })).thenNothingHappens();
  });

  it('refuses bad groups', () => {
    expect(spec.given(REACH.admitted).when(cmd('SetMemberGroups', { groups: 'Mécanique' })).thenValidationDetails()).toEqual([
      { field: 'groups', message: 'must be a list of strings' },
    ]);
  });
});

describe('ImportMembers', () => {
  const rows: ImportRow[] = [
    { line: 2, siren: S, name: 'ACME', contactEmail: 'jo@acme.fr', groups: ['Mécanique'] },
    { line: 3, siren: S2, name: 'Forges du Rhône', groups: [] },
  ];
  const importing = (r: unknown[], importId = 'imp-1', now = T2): TerritoryCommand => ({ type: 'ImportMembers', data: { importId, rows: r as ImportRow[], by: coordinator, now } });
  const importedS: MemberImported = {
    type: 'MemberImported',
    data: { territoryId, siren: S, name: 'ACME', contactEmail: 'jo@acme.fr', groups: ['Mécanique'], importId: 'imp-1', by: coordinator, at: T2 },
  };
  const importedS2: MemberImported = {
    type: 'MemberImported',
    data: { territoryId, siren: S2, name: 'Forges du Rhône', groups: [], importId: 'imp-1', by: coordinator, at: T2 },
  };

  it('admits every firm of the list', () => {
    spec.given([created]).when(importing(rows)).then([importedS, importedS2]);
  });

  it('evolves into admitted memberships of origin import', () => {
    spec.given([created]).when(importing(rows)).thenState((s) => {
      expect(membershipsOf(s as Territory)).toEqual([
        { siren: S2, name: 'Forges du Rhône', groups: [], status: 'admitted', origin: 'import', since: T2, admittedAt: T2, admissions: 1 },
        { siren: S, name: 'ACME', contactEmail: 'jo@acme.fr', groups: ['Mécanique'], status: 'admitted', origin: 'import', since: T2, admittedAt: T2, admissions: 1 },
      ]);
    });
  });

  it('importing the same rows again changes nothing', () => {
    spec.given([created, importedS, importedS2]).when(importing(rows, 'imp-2')).thenNothingHappens();
    const events = decideAll(territoryDecider, [
      { type: 'CreateTerritory', data: { territoryId, name: 'Rhône', kind: 'geographic', level: 'departement', perimeter: { departements: ['69'] }, by: 'p-admin', now: T0 } },
      importing(rows, 'imp-1'),
      importing(rows, 'imp-2'),
      importing([...rows].reverse(), 'imp-3'),
    ]);
    expect(events.map((e) => e.type)).toEqual(['TerritoryCreated', 'MemberImported', 'MemberImported']);
  });

  it('a list without a groups column leaves the groups of admitted members as they are, and gives new ones none', () => {
    spec
      .given([created, importedS])
      .when(importing([{ line: 2, siren: S, name: 'ACME', contactEmail: 'jo@acme.fr' }, { line: 3, siren: S2, name: 'Forges du Rhône' }]))
      .then([importedS2]);
  });

  it('an empty import decides nothing', () => {
    spec.given([created]).when(importing([])).thenNothingHappens();
  });

  it('records only the differences of an admitted member', () => {
    spec
      .given([created, importedS, importedS2])
      .when(
        importing([
          { line: 2, siren: S, name: 'ACME Industrie', contactEmail: 'Marie@ACME.fr', groups: ['Mécanique'] },
          { line: 3, siren: S2, name: 'Forges du Rhône', groups: ['Fonderie'] },
        ]),
      )
      .then([
        { type: 'MemberDetailsUpdated', data: { territoryId, siren: S, changes: { name: 'ACME Industrie', contactEmail: 'marie@acme.fr' }, importId: 'imp-1', by: coordinator, at: T2 } },
        { type: 'MemberDetailsUpdated', data: { territoryId, siren: S2, changes: { groups: ['Fonderie'] }, importId: 'imp-1', by: coordinator, at: T2 } },
      ]);
  });

  it('a row without a contact leaves the known contact', () => {
    spec.given([created, importedS]).when(importing([{ line: 2, siren: S, name: 'ACME', groups: ['Mécanique'] }])).thenNothingHappens();
  });

  it('evolves the differences', () => {
    spec
      .given([created, importedS])
      .when(importing([{ line: 2, siren: S, name: 'ACME Industrie', contactEmail: 'marie@acme.fr', groups: [] }]))
      .thenState((s) =>
        expect(membershipOf(s as Territory, S)).toMatchObject({ name: 'ACME Industrie', contactEmail: 'marie@acme.fr', groups: [], status: 'admitted', admittedAt: T2 }),
      );
  });

  it('an applicant, an invited firm or a former member is admitted by the import, keeping its company', () => {
    for (const state of ['applied', 'info_requested', 'invited', 'refused', 'declined', 'withdrawn', 'exited'] as const) {
      spec.given(REACH[state]).when(importing([rows[0]])).then([importedS]);
    }
    spec.given(REACH.exited).when(importing([rows[0]])).thenState((s) =>
      expect(membershipOf(s as Territory, S)).toEqual({
        siren: S,
        companyId: company,
        name: 'ACME',
        contactEmail: 'jo@acme.fr',
        groups: ['Mécanique'],
        status: 'admitted',
        origin: 'import',
        since: T2,
        admittedAt: T2,
        admissions: 2,
      }),
    );
  });

  it('an admitted member (by application) gets the list\'s name, contact and groups as differences', () => {
    spec
      .given(REACH.admitted)
      .when(importing([rows[0]]))
      .then([{ type: 'MemberDetailsUpdated', data: { territoryId, siren: S, changes: { name: 'ACME', contactEmail: 'jo@acme.fr' }, importId: 'imp-1', by: coordinator, at: T2 } }]);
  });

  it('refuses a SIREN repeated, naming both lines', () => {
    expect(spec.given([created]).when(importing([...rows, { line: 9, siren: '732 829 320', name: 'ACME bis', groups: [] }])).thenValidationDetails()).toEqual([
      { field: 'rows[2]', message: `SIREN ${S} is on line 2 and line 9` },
    ]);
  });

  it('reports every bad field of every row at once', () => {
    expect(
      spec
        .given([created])
        .when(
          importing(
            [
              { line: 0, siren: '732829321', name: ' ', contactEmail: 'nope', groups: ['g'.repeat(61)] },
              { line: 3, siren: S3, name: 'n'.repeat(201), groups: [] },
              null,
            ],
            '',
          ),
        )
        .thenValidationDetails(),
    ).toEqual([
      { field: 'importId', message: 'is required' },
      { field: 'rows[0].line', message: 'must be a line number from 1' },
      { field: 'rows[0].siren', message: 'is not a valid SIREN (check digit)' },
      { field: 'rows[0].name', message: 'must not be empty' },
      { field: 'rows[0].contactEmail', message: 'is not a valid email address' },
      { field: 'rows[0].groups[0]', message: 'must be at most 60 characters' },
      { field: 'rows[1].name', message: 'must be at most 200 characters' },
      { field: 'rows[2]', message: 'must be a row' },
    ]);
  });

  it('refuses more than 20,000 rows, and rows that are not a list', () => {
    const many = Array.from({ length: 20_001 }, (_, i) => ({ line: i + 2, siren: sirenOf(i), name: `F${i}`, groups: [] }));
    expect(() => importRows(many)).toThrow(/^rows: must hold at most 20000 rows$/);
    expect(spec.given([created]).when(importing('x' as never)).thenValidationDetails()).toEqual([{ field: 'rows', message: 'must be a list of rows' }]);
  });

  it('imports 20,000 firms in one decision, folded back quickly, and re-imports them with none', () => {
    const many: ImportRow[] = Array.from({ length: 20_000 }, (_, i) => ({ line: i + 2, siren: sirenOf(30_000_000 + i * 3_217), name: `Firme ${i}`, groups: ['Adhérents'] }));
    const started = Date.now();
    const events = territoryDecider.decide(importing(many), territory([created])) as TerritoryEvent[];
    const state = territory([created, ...events]);
    expect(events).toHaveLength(20_000);
    expect(membershipsOf(state)).toHaveLength(20_000);
    expect(territoryDecider.decide(importing(many, 'imp-2'), state)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
