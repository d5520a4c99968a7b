import { Actor, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { PersonCommand, RegisterPerson } from './person.commands';
import { personDecider, personStreamId, phone, RegisteredPerson } from './person.decider';
import { ConsentGiven, ConsentPurpose, PersonEvent, PersonRegistered, PlatformRoleGranted } from './person.events';

const spec = DeciderSpecification.for(personDecider);

const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-02T09:00:00.000Z';
const T2 = '2025-03-03T09:00:00.000Z';

const personId = 'p-marie';
const marie: Actor = { personId, platformRoles: [] };
const other: Actor = { personId: 'p-other', platformRoles: [] };
const root: Actor = { personId: 'p-root', platformRoles: ['platform_admin'] };
const coordinator: Actor = { personId: 'p-coord', platformRoles: ['territory_coordinator'] };

const register: RegisterPerson = {
  type: 'RegisterPerson',
  data: { personId, email: '  Marie.Curie@Example.FR ', passwordHash: '$argon2id$v=19$abc', displayName: '  Marie Curie ', now: T0 },
};

const registered: PersonRegistered = {
  type: 'PersonRegistered',
  data: {
    personId,
    email: 'marie.curie@example.fr',
    passwordHash: '$argon2id$v=19$abc',
    displayName: 'Marie Curie',
    locale: 'fr',
    registeredAt: T0,
  },
};

const updateProfile = (changes: Extract<PersonCommand, { type: 'UpdatePersonProfile' }>['data']['changes'], actor = marie, id = personId): PersonCommand => ({
  type: 'UpdatePersonProfile',
  data: { actor, personId: id, changes, now: T1 },
});
const giveConsent = (purpose: ConsentPurpose, policyVersion = '2025-01', actor = marie, now = T1): PersonCommand => ({
  type: 'GiveConsent',
  data: { actor, purpose, policyVersion, now },
});
const consentGiven = (purpose: ConsentPurpose, policyVersion = '2025-01', givenAt = T1): ConsentGiven => ({
  type: 'ConsentGiven',
  data: { personId, purpose, policyVersion, givenAt },
});
const withdraw = (purpose: ConsentPurpose, actor = marie): PersonCommand => ({ type: 'WithdrawConsent', data: { actor, purpose, now: T2 } });
const grant = (role: 'territory_coordinator' | 'platform_admin', actor = root): PersonCommand => ({ type: 'GrantPlatformRole', data: { actor, role, now: T1 } });
const revoke = (role: 'territory_coordinator' | 'platform_admin', actor = root): PersonCommand => ({ type: 'RevokePlatformRole', data: { actor, role, now: T2 } });
const granted = (role: 'territory_coordinator' | 'platform_admin', by = root.personId): PlatformRoleGranted => ({
  type: 'PlatformRoleGranted',
  data: { personId, role, grantedBy: by, grantedAt: T1 },
});
const changePassword = (actor = marie, newPasswordHash = '$argon2id$v=19$new'): PersonCommand => ({
  type: 'ChangePassword',
  data: { actor, newPasswordHash, now: T1 },
});

const allCommandsOnAnAccount: PersonCommand[] = [
  updateProfile({ displayName: 'X' }),
  changePassword(),
  giveConsent('analytics'),
  withdraw('analytics'),
  grant('territory_coordinator'),
  revoke('territory_coordinator'),
  { type: 'ErasePerson', data: { actor: marie, now: T1 } },
];

describe('personStreamId', () => {
  it('is person-<id>', () => expect(personStreamId('abc')).toBe('person-abc'));
});

describe('phone', () => {
  it('strips separators', () => {
    expect(phone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(phone('06.12.34.56.78')).toBe('0612345678');
    expect(phone('(04) 78-00-00-00')).toBe('0478000000');
  });
  it.each(['12345', '+33 6 12 34 56 78 90 12 3', 'call me', '++33612345678'])('refuses %p', (p) =>
    expect(() => phone(p)).toThrow(/^phone: /),
  );
});

describe('unregistered person', () => {
  describe('RegisterPerson', () => {
    it('records the account with email normalised and locale fr by default', () => {
      spec.given([]).when(register).then([registered]);
    });

    it('keeps the chosen locale', () => {
      spec
        .given([])
        .when({ type: 'RegisterPerson', data: { ...register.data, locale: 'en' } })
        .then([{ type: 'PersonRegistered', data: { ...registered.data, locale: 'en' } }]);
    });

    it('evolves into a registered account without consents or roles', () => {
      spec
        .given([])
        .when(register)
        .thenState((s) =>
          expect(s).toEqual({
            status: 'registered',
            id: personId,
            email: 'marie.curie@example.fr',
            passwordHash: '$argon2id$v=19$abc',
            displayName: 'Marie Curie',
            profile: { locale: 'fr' },
            consents: {},
            platformRoles: [],
          }),
        );
    });

    it('reports every invalid field', () => {
      spec
        .given([])
        .when({
          type: 'RegisterPerson',
          data: { personId, email: 'marie@', passwordHash: '', displayName: 'x'.repeat(121), locale: 'de' as never, now: T0 },
        })
        .thenThrows(ValidationError, (e) =>
          expect(e.details).toEqual([
            { field: 'email', message: 'is not a valid email address' },
            { field: 'passwordHash', message: 'is required' },
            { field: 'displayName', message: 'must be at most 120 characters' },
            { field: 'locale', message: 'must be one of fr, en' },
          ]),
        );
    });

    it('accepts a display name of 120 characters and refuses a blank one', () => {
      spec
        .given([])
        .when({ type: 'RegisterPerson', data: { ...register.data, displayName: 'é'.repeat(120) } })
        .then([{ type: 'PersonRegistered', data: { ...registered.data, displayName: 'é'.repeat(120) } }]);
      spec
        .given([])
        .when({ type: 'RegisterPerson', data: { ...register.data, displayName: '   ' } })
        .thenThrows(ValidationError, /^displayName: must not be empty$/);
    });
  });

  it.each(allCommandsOnAnAccount.map((c) => [c.type, c] as const))('%s -> person not found', (_t, command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, /^person not found$/);
  });

  it.each([grant('territory_coordinator', other), revoke('territory_coordinator', other)].map((c) => [c.type, c] as const))(
    '%s by a non-admin -> the same 403 as for a registered person (no existence oracle)',
    (_t, command) => {
      spec.given([]).when(command).thenThrows(ForbiddenError, /^only a platform admin may manage platform roles$/);
    },
  );
});

describe('registered person', () => {
  describe('RegisterPerson', () => {
    it('is refused: already registered', () => {
      spec.given([registered]).when(register).thenThrows(IllegalStateError, /^person already registered$/);
    });
  });

  describe('UpdatePersonProfile', () => {
    it('records only the changed fields, normalised', () => {
      spec
        .given([registered])
        .when(updateProfile({ displayName: ' Marie Curie ', headline: ' Physicienne ', phone: '06 12 34 56 78', locale: 'en' }))
        .then([
          {
            type: 'PersonProfileUpdated',
            data: { personId, changes: { headline: 'Physicienne', phone: '0612345678', locale: 'en' }, updatedAt: T1 },
          },
        ]);
    });

    it('changes nothing when nothing changed', () => {
      spec.given([registered]).when(updateProfile({ displayName: 'Marie Curie', locale: 'fr', headline: null, phone: '' })).thenNothingHappens();
    });

    it('removes headline and phone with null or blank, and evolves accordingly', () => {
      const withProfile: PersonEvent[] = [
        registered,
        { type: 'PersonProfileUpdated', data: { personId, changes: { headline: 'Physicienne', phone: '0612345678' }, updatedAt: T1 } },
      ];
      spec
        .given(withProfile)
        .when(updateProfile({ headline: null, phone: '  ' }))
        .then([{ type: 'PersonProfileUpdated', data: { personId, changes: { headline: null, phone: null }, updatedAt: T1 } }]);
      spec
        .given(withProfile)
        .when(updateProfile({ headline: null, displayName: 'M. Curie' }))
        .thenState((s) => {
          const p = s as RegisteredPerson;
          expect(p.displayName).toBe('M. Curie');
          expect(p.profile).toEqual({ phone: '0612345678', locale: 'fr' });
        });
    });

    it('refuses invalid values, naming them', () => {
      spec
        .given([registered])
        .when(updateProfile({ displayName: '', headline: 'h'.repeat(201), phone: 'abc', locale: 'es' as never }))
        .thenThrows(ValidationError, (e) =>
          expect((e.details as Array<{ field: string }>).map((d) => d.field)).toEqual(['displayName', 'headline', 'phone', 'locale']),
        );
    });

    it('answers anyone but the person "person not found"', () => {
      spec.given([registered]).when(updateProfile({ displayName: 'X' }, other)).thenThrows(NotFoundError, /^person not found$/);
      spec.given([registered]).when(updateProfile({ displayName: 'X' }, root)).thenThrows(NotFoundError, /^person not found$/);
    });

    it('answers a command addressed to another person id "person not found"', () => {
      spec.given([registered]).when(updateProfile({ displayName: 'X' }, marie, 'p-other')).thenThrows(NotFoundError);
    });
  });

  describe('ChangePassword', () => {
    it('records the new hash', () => {
      spec
        .given([registered])
        .when(changePassword())
        .then([{ type: 'PasswordChanged', data: { personId, passwordHash: '$argon2id$v=19$new', changedAt: T1 } }]);
    });

    it('replaces the hash in the state', () => {
      spec
        .given([registered])
        .when(changePassword())
        .thenState((s) => expect((s as RegisteredPerson).passwordHash).toBe('$argon2id$v=19$new'));
    });

    it('refuses an empty hash', () => {
      spec.given([registered]).when(changePassword(marie, '')).thenThrows(ValidationError, /^newPasswordHash: is required$/);
    });

    it('answers anyone else "person not found"', () => {
      spec.given([registered]).when(changePassword(other)).thenThrows(NotFoundError, /^person not found$/);
      spec.given([registered]).when(changePassword(root)).thenThrows(NotFoundError);
    });
  });

  describe('GiveConsent', () => {
    it.each(['directory_listing', 'personal_ties', 'warm_introductions', 'analytics', 'marketing_emails'] as const)(
      'records consent to %s',
      (purpose) => {
        spec.given([registered]).when(giveConsent(purpose)).then([consentGiven(purpose)]);
      },
    );

    it('keeps the consent by purpose in the state', () => {
      spec
        .given([registered])
        .when(giveConsent('personal_ties'))
        .thenState((s) =>
          expect((s as RegisteredPerson).consents).toEqual({ personal_ties: { granted: true, policyVersion: '2025-01', at: T1 } }),
        );
    });

    it('refuses an unknown purpose or an empty policy version', () => {
      spec
        .given([registered])
        .when(giveConsent('selling_data' as never, ' '))
        .thenThrows(ValidationError, (e) =>
          expect(e.details).toEqual([
            { field: 'purpose', message: expect.stringMatching(/^must be one of directory_listing, /) },
            { field: 'policyVersion', message: 'must not be empty' },
          ]),
        );
    });

    it('answers anyone else "person not found"', () => {
      spec.given([registered]).when(giveConsent('analytics', '2025-01', other)).thenThrows(NotFoundError);
    });
  });

  describe('WithdrawConsent', () => {
    it('changes nothing when the consent was never given', () => {
      spec.given([registered]).when(withdraw('marketing_emails')).thenNothingHappens();
    });

    it('answers anyone else "person not found"', () => {
      spec.given([registered]).when(withdraw('analytics', other)).thenThrows(NotFoundError);
    });
  });

  describe('GrantPlatformRole', () => {
    it('lets a platform admin grant a role', () => {
      spec.given([registered]).when(grant('territory_coordinator')).then([granted('territory_coordinator')]);
      spec.given([registered]).when(grant('platform_admin')).then([granted('platform_admin')]);
    });

    it('adds the role to the state', () => {
      spec
        .given([registered])
        .when(grant('territory_coordinator'))
        .thenState((s) => expect((s as RegisteredPerson).platformRoles).toEqual(['territory_coordinator']));
    });

    it('is forbidden to anyone but a platform admin, the person included', () => {
      spec.given([registered]).when(grant('platform_admin', marie)).thenThrows(ForbiddenError, /platform admin/);
      spec.given([registered]).when(grant('territory_coordinator', coordinator)).thenThrows(ForbiddenError);
    });

    it('refuses an unknown role', () => {
      spec.given([registered]).when(grant('company_admin' as never)).thenThrows(ValidationError, /^role: /);
    });
  });

  describe('RevokePlatformRole', () => {
    it('changes nothing when the role is not held', () => {
      spec.given([registered]).when(revoke('territory_coordinator')).thenNothingHappens();
    });

    it('is forbidden to anyone but a platform admin', () => {
      spec.given([registered]).when(revoke('territory_coordinator', marie)).thenThrows(ForbiddenError);
    });
  });
});

describe('registered person with consents given', () => {
  const withConsents: PersonEvent[] = [registered, consentGiven('directory_listing'), consentGiven('warm_introductions')];

  it('giving the same consent with the same policy version changes nothing', () => {
    spec.given(withConsents).when(giveConsent('directory_listing', '2025-01', marie, T2)).thenNothingHappens();
  });

  it('giving it again under a new policy version records it', () => {
    spec
      .given(withConsents)
      .when(giveConsent('directory_listing', '2025-06', marie, T2))
      .then([consentGiven('directory_listing', '2025-06', T2)]);
  });

  it('withdrawing records it', () => {
    spec
      .given(withConsents)
      .when(withdraw('warm_introductions'))
      .then([{ type: 'ConsentWithdrawn', data: { personId, purpose: 'warm_introductions', withdrawnAt: T2 } }]);
  });

  it('withdrawing marks it not granted and keeps the other ones', () => {
    spec
      .given(withConsents)
      .when(withdraw('warm_introductions'))
      .thenState((s) =>
        expect((s as RegisteredPerson).consents).toEqual({
          directory_listing: { granted: true, policyVersion: '2025-01', at: T1 },
          warm_introductions: { granted: false, policyVersion: '2025-01', at: T2 },
        }),
      );
  });

  describe('once withdrawn', () => {
    const withdrawn: PersonEvent[] = [
      ...withConsents,
      { type: 'ConsentWithdrawn', data: { personId, purpose: 'warm_introductions', withdrawnAt: T2 } },
    ];

    it('withdrawing again changes nothing', () => {
      spec.given(withdrawn).when(withdraw('warm_introductions')).thenNothingHappens();
    });

    it('giving it again, even under the same policy version, records it', () => {
      spec
        .given(withdrawn)
        .when(giveConsent('warm_introductions', '2025-01', marie, T2))
        .then([consentGiven('warm_introductions', '2025-01', T2)]);
    });
  });
});

describe('registered person holding platform roles', () => {
  const coordinatorAndAdmin: PersonEvent[] = [registered, granted('territory_coordinator'), granted('platform_admin')];
  const selfAdmin: Actor = { personId, platformRoles: ['territory_coordinator', 'platform_admin'] };

  it('granting a held role changes nothing', () => {
    spec.given(coordinatorAndAdmin).when(grant('territory_coordinator')).thenNothingHappens();
  });

  it('a platform admin revokes a role', () => {
    spec
      .given(coordinatorAndAdmin)
      .when(revoke('territory_coordinator'))
      .then([{ type: 'PlatformRoleRevoked', data: { personId, role: 'territory_coordinator', revokedBy: root.personId, revokedAt: T2 } }]);
  });

  it('revoking removes it from the state', () => {
    spec
      .given(coordinatorAndAdmin)
      .when(revoke('territory_coordinator'))
      .thenState((s) => expect((s as RegisteredPerson).platformRoles).toEqual(['platform_admin']));
  });

  it('a platform admin may give up another role of their own', () => {
    spec
      .given(coordinatorAndAdmin)
      .when(revoke('territory_coordinator', selfAdmin))
      .then([{ type: 'PlatformRoleRevoked', data: { personId, role: 'territory_coordinator', revokedBy: personId, revokedAt: T2 } }]);
  });

  it('a platform admin cannot revoke their own platform_admin role', () => {
    spec
      .given(coordinatorAndAdmin)
      .when(revoke('platform_admin', selfAdmin))
      .thenThrows(IllegalStateError, /cannot revoke their own platform_admin role/);
  });

  it('another platform admin can', () => {
    spec
      .given(coordinatorAndAdmin)
      .when(revoke('platform_admin'))
      .then([{ type: 'PlatformRoleRevoked', data: { personId, role: 'platform_admin', revokedBy: root.personId, revokedAt: T2 } }]);
  });

  it('a coordinator cannot revoke roles', () => {
    spec.given(coordinatorAndAdmin).when(revoke('territory_coordinator', coordinator)).thenThrows(ForbiddenError);
  });
});

describe('erasure', () => {
  const erase = (actor: Actor, now = T2): PersonCommand => ({ type: 'ErasePerson', data: { actor, now } });
  const erasedBySelf: PersonEvent = { type: 'PersonErased', data: { personId, erasedBy: personId, by: 'self', erasedAt: T2 } };

  it('the person erases themself: an audit event with no personal data', () => {
    spec.given([registered]).when(erase(marie)).then([erasedBySelf]);
  });

  it('a platform admin erases someone, recorded as such', () => {
    spec
      .given([registered])
      .when(erase(root))
      .then([{ type: 'PersonErased', data: { personId, erasedBy: root.personId, by: 'platform_admin', erasedAt: T2 } }]);
  });

  it('anyone else is told the person does not exist', () => {
    spec.given([registered]).when(erase(other)).thenThrows(NotFoundError, /^person not found$/);
    spec.given([registered]).when(erase(coordinator)).thenThrows(NotFoundError, /^person not found$/);
  });

  it('evolves into an erased person that keeps only the id', () => {
    spec.given([registered]).when(erase(marie)).thenState((s) => expect(s).toEqual({ status: 'erased', id: personId, erasedAt: T2 }));
  });

  it.each(allCommandsOnAnAccount.map((c) => [c.type, c] as const))('erased: %s -> person not found', (_t, command) => {
    spec.given([registered, erasedBySelf]).when(command).thenThrows(NotFoundError, /^person not found$/);
  });

  it('erased: RegisterPerson again is refused (a new account gets a new id)', () => {
    spec.given([registered, erasedBySelf]).when(register).thenThrows(IllegalStateError, /already registered/);
  });
});
