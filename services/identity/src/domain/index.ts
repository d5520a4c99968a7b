// Public API of the identity domain: pure deciders, their commands and events, and the
// value objects the application layer validates input with. No I/O in here.

import { commandHandler } from '@opn/kernel';
import { companyDecider, companyStreamId } from './company/company.decider';
import type { CompanyEvent } from './company/company.events';
import { emailClaimDecider, emailClaimStreamId } from './email-claim/email-claim.decider';
import { personDecider, personStreamId } from './person/person.decider';
import { sessionDecider, sessionStreamId } from './session/session.decider';
import { sirenClaimDecider, sirenClaimStreamId } from './siren-claim/siren-claim.decider';
import type { EmailClaimEvent } from './email-claim/email-claim.events';
import type { PersonEvent } from './person/person.events';
import type { SessionEvent } from './session/session.events';
import type { SirenClaimEvent } from './siren-claim/siren-claim.events';

export * from './shared/address';
export * from './shared/roles';
// SIREN/SIRET, NAF and size bands live in the kernel (territories validates them too); re-exported
// here so the service's layers keep reading every value object from its domain.
export {
  LA_POSTE_SIREN,
  NAF_DIVISIONS,
  SIZE_BANDS,
  isSizeBand,
  isValidNafCode,
  isValidSiren,
  isValidSiret,
  luhnValid,
  nafCode,
  nafDivision,
  normaliseNafCode,
  normaliseSiren,
  normaliseSiret,
  siren,
  siret,
  siretMatchesSiren,
  sizeBand,
  type SizeBand,
} from '@opn/kernel';

export * from './company/company.commands';
export * from './company/company.events';
export {
  companyDecider,
  companyStreamId,
  DESCRIPTION_MAX,
  LEGAL_NAME_MAX,
  type CompanyState,
  type Invitation,
  type RegisteredCompany,
} from './company/company.decider';

export * from './person/person.commands';
export * from './person/person.events';
export {
  consentPurpose,
  DISPLAY_NAME_MAX,
  HEADLINE_MAX,
  locale,
  personDecider,
  personStreamId,
  phone,
  POLICY_VERSION_MAX,
  type Consent,
  type PersonProfile,
  type PersonState,
  type ErasedPerson,
  type RegisteredPerson,
} from './person/person.decider';

export * from './email-claim/email-claim.commands';
export * from './email-claim/email-claim.events';
export { emailClaimDecider, emailClaimStreamId, type EmailClaimState } from './email-claim/email-claim.decider';

export * from './siren-claim/siren-claim.commands';
export * from './siren-claim/siren-claim.events';
export { sirenClaimDecider, sirenClaimStreamId, type SirenClaimState } from './siren-claim/siren-claim.decider';

export * from './session/session.commands';
export * from './session/session.events';
export {
  sessionDecider,
  sessionStreamId,
  USER_AGENT_MAX,
  type KnownSession,
  type SessionState,
} from './session/session.decider';

/** Every event this service stores, for upcasters and the outbound mapping. */
export type IdentityEvent = CompanyEvent | PersonEvent | EmailClaimEvent | SirenClaimEvent | SessionEvent;

/** Each decider bound once to its stream naming: call sites pass the aggregate's id only. */
export const companies = commandHandler(companyDecider, companyStreamId);
export const people = commandHandler(personDecider, personStreamId);
export const sessions = commandHandler(sessionDecider, sessionStreamId);
/** Keyed by the email address itself; the stream id is a keyed hash of it, with the service's secret. */
export const emailClaimsKeyedBy = (secret: Buffer | string) => commandHandler(emailClaimDecider, (email: string) => emailClaimStreamId(email, secret));
export type EmailClaims = ReturnType<typeof emailClaimsKeyedBy>;
/** Keyed by the SIREN. */
export const sirenClaims = commandHandler(sirenClaimDecider, sirenClaimStreamId);
export { IDENTITY_PERSONAL_DATA, invitationSubject } from './personal-data';
