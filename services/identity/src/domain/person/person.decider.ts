import { Actor, Decider, ForbiddenError, IllegalStateError, NotFoundError, PlatformRole, assertNever, email, instant, invalid, isPlatformAdmin, optionalText, requiredText, requiredToken, streamName, validateFields } from '@opn/kernel';
import { platformRole } from '../shared/roles';
import {
  ChangePassword,
  ErasePerson,
  GiveConsent,
  GrantPlatformRole,
  PersonCommand,
  RegisterPerson,
  RevokePlatformRole,
  UpdatePersonProfile,
  WithdrawConsent,
} from './person.commands';
import { CONSENT_PURPOSES, ConsentPurpose, LOCALES, Locale, PersonEvent, PersonProfileChanges } from './person.events';

export const DISPLAY_NAME_MAX = 120;
export const HEADLINE_MAX = 200;
export const POLICY_VERSION_MAX = 40;

export interface Consent {
  granted: boolean;
  policyVersion: string;
  /** When it was last given or withdrawn. */
  at: string;
}

export interface PersonProfile {
  headline?: string;
  phone?: string;
  locale: Locale;
}

export interface RegisteredPerson {
  status: 'registered';
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  profile: PersonProfile;
  consents: Partial<Record<ConsentPurpose, Consent>>;
  platformRoles: PlatformRole[];
}

/** Erased: the id stays (memberships, audit), nothing personal does. */
export interface ErasedPerson {
  status: 'erased';
  id: string;
  erasedAt: string;
}

export type PersonState = { status: 'unregistered' } | RegisteredPerson | ErasedPerson;

/** `person-<id>` */
export const personStreamId = (personId: string): string => streamName('person', personId);

export const initialState = (): PersonState => ({ status: 'unregistered' });

// ---------------------------------------------------------------------------------------------
// value checks

export function locale(value: unknown, field = 'locale'): Locale {
  if (!(LOCALES as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${LOCALES.join(', ')}`);
  return value as Locale;
}

export function consentPurpose(value: unknown, field = 'purpose'): ConsentPurpose {
  if (!(CONSENT_PURPOSES as readonly unknown[]).includes(value)) {
    throw invalid(field, `must be one of ${CONSENT_PURPOSES.join(', ')}`);
  }
  return value as ConsentPurpose;
}

/** "+33 6 12 34 56 78" / "06.12.34.56.78" -> "+33612345678" / "0612345678": 6 to 15 digits. */
export function phone(value: unknown, field = 'phone'): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const p = value.replace(/[\s.()-]/g, '');
  if (!/^\+?\d{6,15}$/.test(p)) throw invalid(field, 'must be a phone number of 6 to 15 digits, optionally starting with +');
  return p;
}

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: PersonState, event: PersonEvent): PersonState {
  if (event.type === 'PersonRegistered') {
    const { personId, email, passwordHash, displayName, locale } = event.data;
    return {
      status: 'registered',
      id: personId,
      email,
      passwordHash,
      displayName,
      profile: { locale },
      consents: {},
      platformRoles: [],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'PersonErased':
      return { status: 'erased', id: state.id, erasedAt: event.data.erasedAt };
    case 'PersonProfileUpdated': {
      const { displayName, headline, phone, locale } = event.data.changes;
      const profile: PersonProfile = { ...state.profile };
      if (headline === null) delete profile.headline;
      else if (headline !== undefined) profile.headline = headline;
      if (phone === null) delete profile.phone;
      else if (phone !== undefined) profile.phone = phone;
      if (locale !== undefined) profile.locale = locale;
      return { ...state, displayName: displayName ?? state.displayName, profile };
    }
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'ConsentGiven': {
      const { purpose, policyVersion, givenAt } = event.data;
      return { ...state, consents: { ...state.consents, [purpose]: { granted: true, policyVersion, at: givenAt } } };
    }
    case 'ConsentWithdrawn': {
      const { purpose, withdrawnAt } = event.data;
      const previous = state.consents[purpose];
      const policyVersion = previous?.policyVersion ?? '';
      return { ...state, consents: { ...state.consents, [purpose]: { granted: false, policyVersion, at: withdrawnAt } } };
    }
    case 'PlatformRoleGranted':
      return state.platformRoles.includes(event.data.role)
        ? state
        : { ...state, platformRoles: [...state.platformRoles, event.data.role] };
    case 'PlatformRoleRevoked':
      return { ...state, platformRoles: state.platformRoles.filter((r) => r !== event.data.role) };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(command: PersonCommand, state: PersonState): PersonEvent[] {
  if (command.type === 'RegisterPerson') return registerPerson(command, state);
  // Whether the caller may manage platform roles does not depend on the person: checked before the
  // existence check, so a non-admin gets the same 403 for any id and cannot probe which ids exist.
  if (command.type === 'GrantPlatformRole' || command.type === 'RevokePlatformRole') requirePlatformAdmin(command.data.actor);
  if (state.status !== 'registered') throw new NotFoundError('person not found');
  switch (command.type) {
    case 'ErasePerson':
      return erasePerson(command, state);
    case 'UpdatePersonProfile':
      return updateProfile(command, state);
    case 'ChangePassword':
      return changePassword(command, state);
    case 'GiveConsent':
      return giveConsent(command, state);
    case 'WithdrawConsent':
      return withdrawConsent(command, state);
    case 'GrantPlatformRole':
      return grantPlatformRole(command, state);
    case 'RevokePlatformRole':
      return revokePlatformRole(command, state);
    default:
      return assertNever(command);
  }
}

/** Only the person themself acts on their account; anyone else is told it does not exist. */
function requireSelf(state: RegisteredPerson, actor: Actor): void {
  if (actor.personId !== state.id) throw new NotFoundError('person not found');
}

function requirePlatformAdmin(actor: Actor): void {
  if (!isPlatformAdmin(actor)) throw new ForbiddenError('only a platform admin may manage platform roles');
}

function registerPerson({ data }: RegisterPerson, state: PersonState): PersonEvent[] {
  if (state.status !== 'unregistered') throw new IllegalStateError('person already registered');
  const v = validateFields({
    email: () => email(data.email),
    passwordHash: () => requiredToken(data.passwordHash, 'passwordHash'),
    displayName: () => requiredText(data.displayName, 'displayName', DISPLAY_NAME_MAX),
    locale: () => locale(data.locale ?? 'fr'),
    now: () => instant(data.now, 'now'),
  });
  return [
    {
      type: 'PersonRegistered',
      data: {
        personId: data.personId,
        email: v.email,
        passwordHash: v.passwordHash,
        displayName: v.displayName,
        locale: v.locale,
        registeredAt: v.now,
      },
    },
  ];
}

/** undefined: unchanged; null or blank: remove; otherwise the checked value. */
function clearable<T>(value: unknown, check: (value: unknown) => T): T | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return check(value);
}

function updateProfile({ data }: UpdatePersonProfile, state: RegisteredPerson): PersonEvent[] {
  if (data.personId !== state.id) throw new NotFoundError('person not found');
  requireSelf(state, data.actor);
  const c = data.changes ?? {};
  const v = validateFields({
    now: () => instant(data.now, 'now'),
    displayName: () => (c.displayName === undefined ? undefined : requiredText(c.displayName, 'displayName', DISPLAY_NAME_MAX)),
    headline: () => clearable(c.headline, (s) => optionalText(s, 'headline', HEADLINE_MAX) as string),
    phone: () => clearable(c.phone, (s) => phone(s)),
    locale: () => (c.locale === undefined ? undefined : locale(c.locale)),
  });
  const changes: PersonProfileChanges = {};
  if (v.displayName !== undefined && v.displayName !== state.displayName) changes.displayName = v.displayName;
  if (v.headline !== undefined && v.headline !== (state.profile.headline ?? null)) changes.headline = v.headline;
  if (v.phone !== undefined && v.phone !== (state.profile.phone ?? null)) changes.phone = v.phone;
  if (v.locale !== undefined && v.locale !== state.profile.locale) changes.locale = v.locale;
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'PersonProfileUpdated', data: { personId: state.id, changes, updatedAt: v.now } }];
}

function erasePerson({ data }: ErasePerson, state: RegisteredPerson): PersonEvent[] {
  const self = data.actor.personId === state.id;
  if (!self && !isPlatformAdmin(data.actor)) throw new NotFoundError('person not found');
  const v = validateFields({ now: () => instant(data.now, 'now') });
  return [
    { type: 'PersonErased', data: { personId: state.id, erasedBy: data.actor.personId, by: self ? 'self' : 'platform_admin', erasedAt: v.now } },
  ];
}

function changePassword({ data }: ChangePassword, state: RegisteredPerson): PersonEvent[] {
  requireSelf(state, data.actor);
  const v = validateFields({
    newPasswordHash: () => requiredToken(data.newPasswordHash, 'newPasswordHash'),
    now: () => instant(data.now, 'now'),
  });
  return [{ type: 'PasswordChanged', data: { personId: state.id, passwordHash: v.newPasswordHash, changedAt: v.now } }];
}

function giveConsent({ data }: GiveConsent, state: RegisteredPerson): PersonEvent[] {
  requireSelf(state, data.actor);
  const v = validateFields({
    purpose: () => consentPurpose(data.purpose),
    policyVersion: () => requiredText(data.policyVersion, 'policyVersion', POLICY_VERSION_MAX),
    now: () => instant(data.now, 'now'),
  });
  const current = state.consents[v.purpose];
  if (current?.granted && current.policyVersion === v.policyVersion) return [];
  return [
    { type: 'ConsentGiven', data: { personId: state.id, purpose: v.purpose, policyVersion: v.policyVersion, givenAt: v.now } },
  ];
}

function withdrawConsent({ data }: WithdrawConsent, state: RegisteredPerson): PersonEvent[] {
  requireSelf(state, data.actor);
  const v = validateFields({ purpose: () => consentPurpose(data.purpose), now: () => instant(data.now, 'now') });
  if (!state.consents[v.purpose]?.granted) return [];
  return [{ type: 'ConsentWithdrawn', data: { personId: state.id, purpose: v.purpose, withdrawnAt: v.now } }];
}

function grantPlatformRole({ data }: GrantPlatformRole, state: RegisteredPerson): PersonEvent[] {
  requirePlatformAdmin(data.actor);
  const v = validateFields({ role: () => platformRole(data.role), now: () => instant(data.now, 'now') });
  if (state.platformRoles.includes(v.role)) return [];
  return [
    { type: 'PlatformRoleGranted', data: { personId: state.id, role: v.role, grantedBy: data.actor.personId, grantedAt: v.now } },
  ];
}

function revokePlatformRole({ data }: RevokePlatformRole, state: RegisteredPerson): PersonEvent[] {
  requirePlatformAdmin(data.actor);
  const v = validateFields({ role: () => platformRole(data.role), now: () => instant(data.now, 'now') });
  if (!state.platformRoles.includes(v.role)) return [];
  if (v.role === 'platform_admin' && data.actor.personId === state.id) {
    throw new IllegalStateError('a platform admin cannot revoke their own platform_admin role');
  }
  return [
    { type: 'PlatformRoleRevoked', data: { personId: state.id, role: v.role, revokedBy: data.actor.personId, revokedAt: v.now } },
  ];
}

export const personDecider: Decider<PersonState, PersonCommand, PersonEvent> = {
  initialState,
  evolve,
  decide,
};
