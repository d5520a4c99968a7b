import { Actor, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { CompanyCommand, RegisterCompany } from './company.commands';
import { companyDecider, companyStreamId, RegisteredCompany } from './company.decider';
import {
  CompanyEvent,
  CompanyProfileUpdated,
  CompanyRegistered,
  InvitationAccepted,
  InvitationRevoked,
  MemberJoined,
  MemberRoleChanged,
  PersonInvited,
} from './company.events';

const spec = DeciderSpecification.for(companyDecider);

const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-02T09:00:00.000Z';
const T2 = '2025-03-03T09:00:00.000Z';
const IN_A_WEEK = '2025-03-08T09:00:00.000Z';
const AFTER_EXPIRY = '2025-03-09T09:00:00.000Z';

const companyId = 'company-1';
const alice: Actor = { personId: 'p-alice', platformRoles: [] }; // founder, company_admin
const bob: Actor = { personId: 'p-bob', platformRoles: [] }; // joins as member
const dana: Actor = { personId: 'p-dana', platformRoles: [] }; // joins as a second admin
const mallory: Actor = { personId: 'p-mallory', platformRoles: ['territory_coordinator'] }; // outsider
const root: Actor = { personId: 'p-root', platformRoles: ['platform_admin'] };

const address = { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon', country: 'FR' };

const register: RegisterCompany = {
  type: 'RegisterCompany',
  data: {
    companyId,
    actor: alice,
    legalName: '  Ateliers Dupont  ',
    siren: '732 829 320',
    siret: '732 829 320 00074',
    nafCode: '2562b',
    sizeBand: '10-49',
    address: { ...address, postalCode: '69 002', country: 'fr' },
    coordinates: { lat: 45.764, lon: 4.8357 },
    description: ' Usinage de précision ',
    capabilities: ['Usinage CNC', ' usinage  cnc ', 'Soudure'],
    offers: ['Sous-traitance'],
    now: T0,
  },
};

const registered: CompanyRegistered = {
  type: 'CompanyRegistered',
  data: {
    companyId,
    legalName: 'Ateliers Dupont',
    siren: '732829320',
    siret: '73282932000074',
    nafCode: '25.62B',
    sizeBand: '10-49',
    address,
    coordinates: { lat: 45.764, lon: 4.8357 },
    description: 'Usinage de précision',
    capabilities: ['usinage cnc', 'soudure'],
    offers: ['sous-traitance'],
    registeredBy: alice.personId,
    registeredAt: T0,
  },
};

const aliceJoined: MemberJoined = {
  type: 'MemberJoined',
  data: { companyId, personId: alice.personId, role: 'company_admin', via: 'registration', joinedAt: T0 },
};

const invited = (
  invitationId: string,
  email: string,
  role: 'member' | 'company_admin' = 'member',
  expiresAt = IN_A_WEEK,
  invitedAt = T1,
): PersonInvited => ({
  type: 'PersonInvited',
  data: { companyId, invitationId, email, role, tokenHash: `hash-${invitationId}`, expiresAt, invitedBy: alice.personId, invitedAt },
});

const bobInvited = invited('inv-bob', 'bob@example.fr');
const bobAccepted: InvitationAccepted = {
  type: 'InvitationAccepted',
  data: { companyId, invitationId: 'inv-bob', personId: bob.personId, acceptedAt: T1 },
};
const bobJoined: MemberJoined = {
  type: 'MemberJoined',
  data: { companyId, personId: bob.personId, role: 'member', via: 'invitation', invitationId: 'inv-bob', joinedAt: T1 },
};
const bobRevoked: InvitationRevoked = {
  type: 'InvitationRevoked',
  data: { companyId, invitationId: 'inv-bob', revokedBy: alice.personId, revokedAt: T1 },
};
const danaInvited = invited('inv-dana', 'dana@example.fr', 'company_admin');
const danaJoined: MemberJoined = {
  type: 'MemberJoined',
  data: { companyId, personId: dana.personId, role: 'company_admin', via: 'invitation', invitationId: 'inv-dana', joinedAt: T1 },
};

const founded: CompanyEvent[] = [registered, aliceJoined];
const withPendingInvitation: CompanyEvent[] = [...founded, bobInvited];
const withMember: CompanyEvent[] = [...withPendingInvitation, bobAccepted, bobJoined];
const withTwoAdmins: CompanyEvent[] = [...withMember, danaInvited, { ...bobAccepted, data: { ...bobAccepted.data, invitationId: 'inv-dana', personId: dana.personId } }, danaJoined];

const update = (actor: Actor, changes: Extract<CompanyCommand, { type: 'UpdateCompanyProfile' }>['data']['changes']): CompanyCommand => ({
  type: 'UpdateCompanyProfile',
  data: { actor, changes, now: T2 },
});
const profileUpdated = (changes: CompanyProfileUpdated['data']['changes'], by = alice.personId): CompanyProfileUpdated => ({
  type: 'CompanyProfileUpdated',
  data: { companyId, changes, updatedBy: by, updatedAt: T2 },
});
const invite = (actor: Actor, invitationId: string, email: string, now = T2, expiresAt = AFTER_EXPIRY): CompanyCommand => ({
  type: 'InvitePerson',
  data: { actor, invitationId, email, role: 'member', tokenHash: `hash-${invitationId}`, expiresAt, now },
});
const accept = (over: Partial<Extract<CompanyCommand, { type: 'AcceptInvitation' }>['data']> = {}): CompanyCommand => ({
  type: 'AcceptInvitation',
  data: { invitationId: 'inv-bob', tokenHash: 'hash-inv-bob', personId: bob.personId, email: 'bob@example.fr', now: T2, ...over },
});
const revoke = (actor: Actor, invitationId = 'inv-bob'): CompanyCommand => ({
  type: 'RevokeInvitation',
  data: { actor, invitationId, now: T2 },
});
const changeRole = (actor: Actor, personId: string, role: 'member' | 'company_admin'): CompanyCommand => ({
  type: 'ChangeMemberRole',
  data: { actor, personId, role, now: T2 },
});
const roleChanged = (personId: string, from: 'member' | 'company_admin', to: 'member' | 'company_admin', by: string): MemberRoleChanged => ({
  type: 'MemberRoleChanged',
  data: { companyId, personId, from, to, changedBy: by, changedAt: T2 },
});
const remove = (actor: Actor, personId: string): CompanyCommand => ({ type: 'RemoveMember', data: { actor, personId, now: T2 } });

/** Every command except RegisterCompany, sent by the founder. */
const commandsOnAnExistingCompany: CompanyCommand[] = [
  update(alice, { legalName: 'X' }),
  invite(alice, 'inv-x', 'x@example.fr'),
  revoke(alice),
  accept(),
  changeRole(alice, bob.personId, 'company_admin'),
  remove(alice, bob.personId),
];

const validationDetails = (events: CompanyEvent[], command: CompanyCommand) => spec.given(events).when(command).thenValidationDetails();

describe('companyStreamId', () => {
  it('is company-<id>', () => expect(companyStreamId('abc')).toBe('company-abc'));
});

describe('unregistered company', () => {
  describe('RegisterCompany', () => {
    it('records the normalised profile and makes the registrant its company admin', () => {
      spec.given([]).when(register).then([registered, aliceJoined]);
    });

    it('defaults description, capabilities and offers, and omits absent siret and coordinates', () => {
      const { siret: _s, coordinates: _c, description: _d, capabilities: _cap, offers: _o, ...minimal } = register.data;
      const {
        siret: _s2,
        coordinates: _c2,
        ...expected
      } = registered.data;
      spec
        .given([])
        .when({ type: 'RegisterCompany', data: minimal })
        .then([
          { type: 'CompanyRegistered', data: { ...expected, description: '', capabilities: [], offers: [] } },
          aliceJoined,
        ]);
    });

    it('accepts a La Poste establishment SIRET', () => {
      spec
        .given([])
        .when({ type: 'RegisterCompany', data: { ...register.data, siren: '356000000', siret: '35600000049837' } })
        .then([
          { type: 'CompanyRegistered', data: { ...registered.data, siren: '356000000', siret: '35600000049837' } },
          aliceJoined,
        ]);
    });

    it('refuses a SIREN with a wrong check digit', () => {
      spec
        .given([])
        .when({ type: 'RegisterCompany', data: { ...register.data, siren: '732829321', siret: undefined } })
        .thenThrows(ValidationError, /siren: is not a valid SIREN/);
    });

    it('refuses a SIRET of another company', () => {
      spec
        .given([])
        .when({ type: 'RegisterCompany', data: { ...register.data, siret: '44306184100047' } })
        .thenThrows(ValidationError, /^siret: must start with the SIREN$/);
    });

    it('reports every invalid field at once', () => {
      expect(
        validationDetails([], {
          type: 'RegisterCompany',
          data: {
            ...register.data,
            legalName: ' ',
            nafCode: '40.10Z',
            sizeBand: 'huge' as never,
            address: { ...address, postalCode: '690' },
            coordinates: { lat: 100, lon: 0 },
            capabilities: ['x'.repeat(61)],
          },
        }),
      ).toEqual([
        { field: 'legalName', message: 'must not be empty' },
        { field: 'nafCode', message: 'division 40 does not exist in NAF rev. 2' },
        { field: 'sizeBand', message: 'must be one of 0, 1-9, 10-49, 50-249, 250-4999, 5000+' },
        { field: 'address.postalCode', message: 'must be 5 digits in France' },
        { field: 'coordinates.lat', message: 'must be a number between -90 and 90' },
        { field: 'capabilities[0]', message: 'must be at most 60 characters' },
      ]);
    });

    it('refuses a command without a valid instant', () => {
      spec
        .given([])
        .when({ type: 'RegisterCompany', data: { ...register.data, now: 'now' } })
        .thenThrows(ValidationError, /^now: /);
    });
  });

  it.each(commandsOnAnExistingCompany.map((c) => [c.type, c] as const))('%s -> company not found', (_type, command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, /^company not found$/);
  });

  it('evolves into a registered company with its founder as admin', () => {
    spec
      .given([])
      .when(register)
      .thenState((state) => {
        expect(state).toEqual({
          status: 'registered',
          id: companyId,
          legalName: 'Ateliers Dupont',
          siren: '732829320',
          siret: '73282932000074',
          nafCode: '25.62B',
          sizeBand: '10-49',
          address,
          coordinates: { lat: 45.764, lon: 4.8357 },
          description: 'Usinage de précision',
          capabilities: ['usinage cnc', 'soudure'],
          offers: ['sous-traitance'],
          registeredAt: register.data.now,
          updatedAt: register.data.now,
          members: { [alice.personId]: 'company_admin' },
          invitations: {},
        });
      });
  });
});

describe('registered company (founder only)', () => {
  describe('RegisterCompany', () => {
    it('is refused: already registered', () => {
      spec.given(founded).when(register).thenThrows(IllegalStateError, /already registered/);
    });
  });

  describe('UpdateCompanyProfile', () => {
    it('records only the fields that really changed, normalised', () => {
      spec
        .given(founded)
        .when(
          update(alice, {
            legalName: 'Ateliers Dupont SAS',
            nafCode: '25.62B', // unchanged
            sizeBand: '50-249',
            address: { ...address, country: 'fr' }, // unchanged once normalised
            capabilities: ['Usinage CNC', 'Soudure', 'Peinture'],
            offers: ['Sous-traitance'], // unchanged once normalised
            description: 'Usinage de précision', // unchanged
          }),
        )
        .then([
          profileUpdated({
            legalName: 'Ateliers Dupont SAS',
            sizeBand: '50-249',
            capabilities: ['usinage cnc', 'soudure', 'peinture'],
          }),
        ]);
    });

    it('changes nothing when no field changed', () => {
      spec
        .given(founded)
        .when(update(alice, { legalName: ' Ateliers Dupont ', siret: '73282932000074', coordinates: { lat: 45.764, lon: 4.8357 } }))
        .thenNothingHappens();
    });

    it('changes nothing on empty changes', () => {
      spec.given(founded).when(update(alice, {})).thenNothingHappens();
    });

    it('removes siret and coordinates with null', () => {
      spec
        .given(founded)
        .when(update(alice, { siret: null, coordinates: null }))
        .then([profileUpdated({ siret: null, coordinates: null })]);
      spec
        .given(founded)
        .when(update(alice, { siret: null, coordinates: null }))
        .thenState((state) => {
          expect(state).not.toHaveProperty('siret');
          expect(state).not.toHaveProperty('coordinates');
        });
    });

    it('changes nothing when removing what is already absent', () => {
      spec
        .given([...founded, profileUpdated({ siret: null })])
        .when(update(alice, { siret: null }))
        .thenNothingHappens();
    });

    it('applies the changes to the state', () => {
      spec
        .given(founded)
        .when(update(alice, { legalName: 'Dupont Industrie', address: { ...address, line2: 'Bât. C' } }))
        .thenState((state) => {
          const s = state as RegisteredCompany;
          expect(s.legalName).toBe('Dupont Industrie');
          expect(s.address).toEqual({ ...address, line2: 'Bât. C' });
          expect(s.siren).toBe('732829320');
        });
    });

    it('refuses a SIRET that does not belong to the SIREN', () => {
      spec
        .given(founded)
        .when(update(alice, { siret: '44306184100047' }))
        .thenThrows(ValidationError, /^siret: must start with the SIREN$/);
    });

    it('refuses invalid values, naming them', () => {
      expect(validationDetails(founded, update(alice, { legalName: '', nafCode: '6201' }))).toEqual([
        { field: 'legalName', message: 'must not be empty' },
        { field: 'nafCode', message: 'must look like 62.01Z (NAF rev. 2)' },
      ]);
    });

    it('lets a platform admin edit', () => {
      spec
        .given(founded)
        .when(update(root, { description: 'Nouveau' }))
        .then([profileUpdated({ description: 'Nouveau' }, root.personId)]);
    });

    it('answers an outsider "company not found"', () => {
      spec.given(founded).when(update(mallory, { description: 'pwned' })).thenThrows(NotFoundError, /^company not found$/);
    });
  });

  describe('InvitePerson', () => {
    it('records the invitation with the email normalised', () => {
      spec
        .given(founded)
        .when(invite(alice, 'inv-bob', ' Bob@Example.FR ', T1, IN_A_WEEK))
        .then([bobInvited]);
    });

    it('may invite an admin', () => {
      spec
        .given(founded)
        .when({ type: 'InvitePerson', data: { actor: alice, invitationId: 'inv-dana', email: 'dana@example.fr', role: 'company_admin', tokenHash: 'hash-inv-dana', expiresAt: IN_A_WEEK, now: T1 } })
        .then([danaInvited]);
    });

    it('refuses an expiry that is not after now', () => {
      spec.given(founded).when(invite(alice, 'inv-x', 'x@example.fr', T2, T2)).thenThrows(ValidationError, /^expiresAt: must be after now$/);
    });

    it('refuses an invalid email or role', () => {
      expect(
        validationDetails(founded, {
          type: 'InvitePerson',
          data: { actor: alice, invitationId: 'inv-x', email: 'nope', role: 'owner' as never, tokenHash: '', expiresAt: IN_A_WEEK, now: T1 },
        }),
      ).toEqual([
        { field: 'email', message: 'is not a valid email address' },
        { field: 'role', message: 'must be one of member, company_admin' },
        { field: 'tokenHash', message: 'is required' },
      ]);
    });

    it('lets a platform admin invite', () => {
      spec
        .given(founded)
        .when({ ...bobInvitationBy(root) })
        .then([{ ...bobInvited, data: { ...bobInvited.data, invitedBy: root.personId } }]);
    });

    it('answers an outsider "company not found"', () => {
      spec.given(founded).when(invite(mallory, 'inv-x', 'x@example.fr')).thenThrows(NotFoundError, /^company not found$/);
    });
  });

  describe('ChangeMemberRole', () => {
    it('refuses to demote the last company admin', () => {
      spec
        .given(founded)
        .when(changeRole(alice, alice.personId, 'member'))
        .thenThrows(IllegalStateError, /^cannot demote the last company admin$/);
    });

    it('even for a platform admin', () => {
      spec.given(founded).when(changeRole(root, alice.personId, 'member')).thenThrows(IllegalStateError, /last company admin/);
    });

    it('answers an unknown member "member not found"', () => {
      spec.given(founded).when(changeRole(alice, 'p-ghost', 'company_admin')).thenThrows(NotFoundError, /^member not found$/);
    });
  });

  describe('RemoveMember', () => {
    it('refuses to let the last company admin leave', () => {
      spec.given(founded).when(remove(alice, alice.personId)).thenThrows(IllegalStateError, /^cannot remove the last company admin$/);
    });

    it('answers an unknown member "member not found"', () => {
      spec.given(founded).when(remove(alice, 'p-ghost')).thenThrows(NotFoundError, /^member not found$/);
    });

    it('answers an outsider "company not found", even about itself', () => {
      spec.given(founded).when(remove(mallory, mallory.personId)).thenThrows(NotFoundError, /^company not found$/);
    });
  });

  describe('RevokeInvitation', () => {
    it('answers an unknown invitation "invitation not found"', () => {
      spec.given(founded).when(revoke(alice, 'inv-ghost')).thenThrows(NotFoundError, /^invitation not found$/);
    });
  });

  describe('AcceptInvitation', () => {
    it('answers an unknown invitation "invitation not found"', () => {
      spec.given(founded).when(accept()).thenThrows(NotFoundError, /^invitation not found$/);
    });
  });
});

function bobInvitationBy(actor: Actor): CompanyCommand {
  return {
    type: 'InvitePerson',
    data: { actor, invitationId: 'inv-bob', email: 'bob@example.fr', role: 'member', tokenHash: 'hash-inv-bob', expiresAt: IN_A_WEEK, now: T1 },
  };
}

describe('registered company with a pending invitation', () => {
  describe('AcceptInvitation', () => {
    it('records the acceptance and the new member with the invited role', () => {
      spec.given(withPendingInvitation).when(accept({ now: T1 })).then([bobAccepted, bobJoined]);
    });

    it('compares the email case-insensitively', () => {
      spec.given(withPendingInvitation).when(accept({ email: ' BOB@example.FR', now: T1 })).then([bobAccepted, bobJoined]);
    });

    it('makes the person a member and the invitation accepted', () => {
      spec
        .given(withPendingInvitation)
        .when(accept())
        .thenState((state) => {
          const s = state as RegisteredCompany;
          expect(s.members).toEqual({ [alice.personId]: 'company_admin', [bob.personId]: 'member' });
          expect(s.invitations['inv-bob'].status).toBe('accepted');
        });
    });

    it('answers a wrong token "invitation not found"', () => {
      spec.given(withPendingInvitation).when(accept({ tokenHash: 'hash-guess' })).thenThrows(NotFoundError, /^invitation not found$/);
    });

    it('answers another person\'s email "invitation not found"', () => {
      spec.given(withPendingInvitation).when(accept({ email: 'eve@example.fr' })).thenThrows(NotFoundError, /^invitation not found$/);
    });

    it('refuses an expired invitation', () => {
      spec.given(withPendingInvitation).when(accept({ now: AFTER_EXPIRY })).thenThrows(IllegalStateError, /^invitation expired$/);
    });

    it('refuses at the exact expiry instant', () => {
      spec.given(withPendingInvitation).when(accept({ now: IN_A_WEEK })).thenThrows(IllegalStateError, /^invitation expired$/);
    });

    it('refuses someone who is already a member', () => {
      spec
        .given([...founded, invited('inv-alice', 'alice@example.fr')])
        .when(accept({ invitationId: 'inv-alice', tokenHash: 'hash-inv-alice', email: 'alice@example.fr', personId: alice.personId }))
        .thenThrows(IllegalStateError, /already a member/);
    });
  });

  describe('RevokeInvitation', () => {
    it('records the revocation', () => {
      spec
        .given(withPendingInvitation)
        .when(revoke(alice))
        .then([{ type: 'InvitationRevoked', data: { companyId, invitationId: 'inv-bob', revokedBy: alice.personId, revokedAt: T2 } }]);
    });

    it('lets a platform admin revoke', () => {
      spec
        .given(withPendingInvitation)
        .when(revoke(root))
        .then([{ type: 'InvitationRevoked', data: { companyId, invitationId: 'inv-bob', revokedBy: root.personId, revokedAt: T2 } }]);
    });

    it('may revoke an invitation that has expired', () => {
      spec
        .given(withPendingInvitation)
        .when({ type: 'RevokeInvitation', data: { actor: alice, invitationId: 'inv-bob', now: AFTER_EXPIRY } })
        .then([{ type: 'InvitationRevoked', data: { companyId, invitationId: 'inv-bob', revokedBy: alice.personId, revokedAt: AFTER_EXPIRY } }]);
    });

    it('answers an outsider "company not found"', () => {
      spec.given(withPendingInvitation).when(revoke(mallory)).thenThrows(NotFoundError, /^company not found$/);
    });
  });

  describe('InvitePerson', () => {
    it('refuses a second pending invitation for the same email', () => {
      spec
        .given(withPendingInvitation)
        .when(invite(alice, 'inv-bob-2', 'BOB@example.fr'))
        .thenThrows(IllegalStateError, /^a pending invitation already exists for this email$/);
    });

    it('accepts a new one once the pending invitation has expired', () => {
      spec
        .given(withPendingInvitation)
        .when(invite(alice, 'inv-bob-2', 'bob@example.fr', AFTER_EXPIRY, '2025-03-16T09:00:00.000Z'))
        .then([invited('inv-bob-2', 'bob@example.fr', 'member', '2025-03-16T09:00:00.000Z', AFTER_EXPIRY)]);
    });

    it('refuses to reuse an invitation id', () => {
      spec
        .given(withPendingInvitation)
        .when(invite(alice, 'inv-bob', 'other@example.fr'))
        .thenThrows(IllegalStateError, /^invitation id already used$/);
    });
  });
});

describe('registered company with an accepted invitation (admin alice, member bob)', () => {
  describe('AcceptInvitation', () => {
    it('refuses a second acceptance', () => {
      spec.given(withMember).when(accept()).thenThrows(IllegalStateError, /^invitation already accepted$/);
    });
    it('still answers a wrong token "invitation not found" (no status oracle)', () => {
      spec.given(withMember).when(accept({ tokenHash: 'hash-guess' })).thenThrows(NotFoundError, /^invitation not found$/);
    });
  });

  describe('RevokeInvitation', () => {
    it('refuses to revoke an accepted invitation', () => {
      spec.given(withMember).when(revoke(alice)).thenThrows(IllegalStateError, /^invitation already accepted$/);
    });
    it('is forbidden to a plain member', () => {
      spec.given(withMember).when(revoke(bob)).thenThrows(ForbiddenError);
    });
  });

  describe('UpdateCompanyProfile', () => {
    it('is forbidden to a plain member', () => {
      spec.given(withMember).when(update(bob, { description: 'mine' })).thenThrows(ForbiddenError, /company admin/);
    });
  });

  describe('InvitePerson', () => {
    it('is forbidden to a plain member', () => {
      spec.given(withMember).when(invite(bob, 'inv-x', 'x@example.fr')).thenThrows(ForbiddenError);
    });
    it('accepts a new invitation for an email whose invitation was accepted', () => {
      spec
        .given(withMember)
        .when(invite(alice, 'inv-bob-2', 'bob@example.fr', T2, AFTER_EXPIRY))
        .then([invited('inv-bob-2', 'bob@example.fr', 'member', AFTER_EXPIRY, T2)]);
    });
  });

  describe('ChangeMemberRole', () => {
    it('promotes a member', () => {
      spec.given(withMember).when(changeRole(alice, bob.personId, 'company_admin')).then([roleChanged(bob.personId, 'member', 'company_admin', alice.personId)]);
    });

    it('updates the members in the state', () => {
      spec
        .given(withMember)
        .when(changeRole(alice, bob.personId, 'company_admin'))
        .thenState((s) => expect((s as RegisteredCompany).members[bob.personId]).toBe('company_admin'));
    });

    it('changes nothing when the role is already the one asked', () => {
      spec.given(withMember).when(changeRole(alice, bob.personId, 'member')).thenNothingHappens();
    });

    it('lets a platform admin change roles', () => {
      spec.given(withMember).when(changeRole(root, bob.personId, 'company_admin')).then([roleChanged(bob.personId, 'member', 'company_admin', root.personId)]);
    });

    it('is forbidden to a plain member, even on themself', () => {
      spec.given(withMember).when(changeRole(bob, bob.personId, 'company_admin')).thenThrows(ForbiddenError);
    });

    it('answers an outsider "company not found"', () => {
      spec.given(withMember).when(changeRole(mallory, bob.personId, 'member')).thenThrows(NotFoundError, /^company not found$/);
    });

    it('refuses an unknown role', () => {
      spec.given(withMember).when(changeRole(alice, bob.personId, 'owner' as never)).thenThrows(ValidationError, /^role: /);
    });
  });

  describe('RemoveMember', () => {
    it('lets an admin remove a member', () => {
      spec
        .given(withMember)
        .when(remove(alice, bob.personId))
        .then([{ type: 'MemberRemoved', data: { companyId, personId: bob.personId, role: 'member', reason: 'removed', removedBy: alice.personId, removedAt: T2 } }]);
    });

    it('lets a member leave', () => {
      spec
        .given(withMember)
        .when(remove(bob, bob.personId))
        .then([{ type: 'MemberRemoved', data: { companyId, personId: bob.personId, role: 'member', reason: 'left', removedBy: bob.personId, removedAt: T2 } }]);
    });

    it('drops the member from the state', () => {
      spec
        .given(withMember)
        .when(remove(bob, bob.personId))
        .thenState((s) => expect((s as RegisteredCompany).members).toEqual({ [alice.personId]: 'company_admin' }));
    });

    it('lets a platform admin remove a member', () => {
      spec
        .given(withMember)
        .when(remove(root, bob.personId))
        .then([{ type: 'MemberRemoved', data: { companyId, personId: bob.personId, role: 'member', reason: 'removed', removedBy: root.personId, removedAt: T2 } }]);
    });

    it('forbids a member to remove someone else', () => {
      spec.given(withMember).when(remove(bob, alice.personId)).thenThrows(ForbiddenError);
    });

    it('answers an outsider "company not found"', () => {
      spec.given(withMember).when(remove(mallory, bob.personId)).thenThrows(NotFoundError, /^company not found$/);
    });

    it('refuses to remove the last admin', () => {
      spec.given(withMember).when(remove(root, alice.personId)).thenThrows(IllegalStateError, /last company admin/);
    });
  });

  describe('a removed member', () => {
    const afterRemoval: CompanyEvent[] = [
      ...withMember,
      { type: 'MemberRemoved', data: { companyId, personId: bob.personId, role: 'member', reason: 'left', removedBy: bob.personId, removedAt: T2 } },
    ];

    it('is an outsider again', () => {
      spec.given(afterRemoval).when(update(bob, { description: 'x' })).thenThrows(NotFoundError, /^company not found$/);
    });

    it('may be invited and join again', () => {
      const again = invited('inv-bob-2', 'bob@example.fr', 'member', AFTER_EXPIRY, T2);
      spec
        .given([...afterRemoval, again])
        .when(accept({ invitationId: 'inv-bob-2', tokenHash: 'hash-inv-bob-2' }))
        .then([
          { type: 'InvitationAccepted', data: { companyId, invitationId: 'inv-bob-2', personId: bob.personId, acceptedAt: T2 } },
          { type: 'MemberJoined', data: { companyId, personId: bob.personId, role: 'member', via: 'invitation', invitationId: 'inv-bob-2', joinedAt: T2 } },
        ]);
    });
  });
});

describe('registered company with a revoked invitation', () => {
  const revoked: CompanyEvent[] = [...withPendingInvitation, bobRevoked];

  it('refuses its acceptance', () => {
    spec.given(revoked).when(accept()).thenThrows(IllegalStateError, /^invitation revoked$/);
  });

  it('revoking it again changes nothing', () => {
    spec.given(revoked).when(revoke(alice)).thenNothingHappens();
  });

  it('lets the same email be invited again', () => {
    spec
      .given(revoked)
      .when(invite(alice, 'inv-bob-2', 'bob@example.fr'))
      .then([invited('inv-bob-2', 'bob@example.fr', 'member', AFTER_EXPIRY, T2)]);
  });

  it('records the status in the state', () => {
    spec
      .given(revoked)
      .when(invite(alice, 'inv-bob-2', 'bob@example.fr'))
      .thenState((s) => {
        const invitations = (s as RegisteredCompany).invitations;
        expect(invitations['inv-bob'].status).toBe('revoked');
        expect(invitations['inv-bob-2']).toEqual({
          email: 'bob@example.fr',
          role: 'member',
          tokenHash: 'hash-inv-bob-2',
          status: 'pending',
          expiresAt: AFTER_EXPIRY,
        });
      });
  });
});

describe('registered company with two admins (alice, dana) and a member (bob)', () => {
  it('lets an admin demote another admin', () => {
    spec.given(withTwoAdmins).when(changeRole(alice, dana.personId, 'member')).then([roleChanged(dana.personId, 'company_admin', 'member', alice.personId)]);
  });

  it('lets an admin demote themself', () => {
    spec.given(withTwoAdmins).when(changeRole(alice, alice.personId, 'member')).then([roleChanged(alice.personId, 'company_admin', 'member', alice.personId)]);
  });

  it('lets an admin leave', () => {
    spec
      .given(withTwoAdmins)
      .when(remove(dana, dana.personId))
      .then([{ type: 'MemberRemoved', data: { companyId, personId: dana.personId, role: 'company_admin', reason: 'left', removedBy: dana.personId, removedAt: T2 } }]);
  });

  it('lets an admin remove another admin', () => {
    spec
      .given(withTwoAdmins)
      .when(remove(alice, dana.personId))
      .then([{ type: 'MemberRemoved', data: { companyId, personId: dana.personId, role: 'company_admin', reason: 'removed', removedBy: alice.personId, removedAt: T2 } }]);
  });

  it('refuses to demote the remaining admin once the other one left', () => {
    spec
      .given([...withTwoAdmins, roleChanged(dana.personId, 'company_admin', 'member', alice.personId)])
      .when(changeRole(dana, alice.personId, 'member'))
      .thenThrows(ForbiddenError);
    spec
      .given([...withTwoAdmins, roleChanged(dana.personId, 'company_admin', 'member', alice.personId)])
      .when(changeRole(alice, alice.personId, 'member'))
      .thenThrows(IllegalStateError, /last company admin/);
  });
});
