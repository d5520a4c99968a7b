import { defineContract } from '@opn/contracts';

/** Topics: `<service>.<aggregate>`, message key = the aggregate id. */
export const IDENTITY_TOPICS = { company: 'identity.company', person: 'identity.person' } as const;

const isoDate = { type: 'string', format: 'date-time' } as const;
const id = { type: 'string', minLength: 1 } as const;
const tags = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 60 }, maxItems: 50 } as const;
const address = {
  type: 'object',
  required: ['line1', 'postalCode', 'city', 'country'],
  properties: {
    line1: { type: 'string' },
    line2: { type: 'string' },
    postalCode: { type: 'string' },
    city: { type: 'string' },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
  additionalProperties: false,
} as const;
const coordinates = {
  type: 'object',
  required: ['lat', 'lon'],
  properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lon: { type: 'number', minimum: -180, maximum: 180 } },
  additionalProperties: false,
} as const;
const sizeBand = { enum: ['0', '1-9', '10-49', '50-249', '250-4999', '5000+'] } as const;
const companyRole = { enum: ['member', 'company_admin'] } as const;
const platformRole = { enum: ['territory_coordinator', 'platform_admin'] } as const;
const profileProperties = {
  legalName: { type: 'string', minLength: 1 },
  siret: { type: ['string', 'null'], pattern: '^[0-9]{14}$' },
  nafCode: { type: 'string', pattern: '^[0-9]{2}\\.[0-9]{2}[A-Z]$' },
  sizeBand,
  address,
  coordinates: { anyOf: [coordinates, { type: 'null' }] },
  description: { type: 'string' },
  capabilities: tags,
  offers: tags,
} as const;

export interface PublicAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface CompanyRegisteredV1 {
  companyId: string;
  legalName: string;
  siren: string;
  siret?: string;
  nafCode: string;
  sizeBand: string;
  address: PublicAddress;
  coordinates?: { lat: number; lon: number };
  description: string;
  capabilities: string[];
  offers: string[];
  registeredAt: string;
}

export const CompanyRegisteredV1 = defineContract<CompanyRegisteredV1>()({
  type: 'identity.CompanyRegistered',
  version: 1,
  topic: IDENTITY_TOPICS.company,
  description: 'A company joined the platform with its public profile.',
  schema: {
    type: 'object',
    required: ['companyId', 'legalName', 'siren', 'nafCode', 'sizeBand', 'address', 'description', 'capabilities', 'offers', 'registeredAt'],
    properties: {
      companyId: id,
      siren: { type: 'string', pattern: '^[0-9]{9}$' },
      ...profileProperties,
      siret: { type: 'string', pattern: '^[0-9]{14}$' },
      coordinates,
      registeredAt: isoDate,
    },
    additionalProperties: false,
  },
});

export interface CompanyProfileUpdatedV1 {
  companyId: string;
  /** Only the fields that changed; null removes an optional field (siret, coordinates). */
  changes: Partial<Omit<CompanyRegisteredV1, 'companyId' | 'siren' | 'registeredAt' | 'siret' | 'coordinates'>> & {
    siret?: string | null;
    coordinates?: { lat: number; lon: number } | null;
  };
  updatedAt: string;
}

export const CompanyProfileUpdatedV1 = defineContract<CompanyProfileUpdatedV1>()({
  type: 'identity.CompanyProfileUpdated',
  version: 1,
  topic: IDENTITY_TOPICS.company,
  description: 'Some fields of a company public profile changed.',
  schema: {
    type: 'object',
    required: ['companyId', 'changes', 'updatedAt'],
    properties: {
      companyId: id,
      changes: { type: 'object', properties: profileProperties, additionalProperties: false, minProperties: 1 },
      updatedAt: isoDate,
    },
    additionalProperties: false,
  },
});

export interface CompanyMemberJoinedV1 {
  companyId: string;
  personId: string;
  role: 'member' | 'company_admin';
  joinedAt: string;
}

export const CompanyMemberJoinedV1 = defineContract<CompanyMemberJoinedV1>()({
  type: 'identity.CompanyMemberJoined',
  version: 1,
  topic: IDENTITY_TOPICS.company,
  description: 'A person became a member of a company (by registering it or by accepting an invitation).',
  schema: {
    type: 'object',
    required: ['companyId', 'personId', 'role', 'joinedAt'],
    properties: { companyId: id, personId: id, role: companyRole, joinedAt: isoDate },
    additionalProperties: false,
  },
});

export interface CompanyMemberRoleChangedV1 {
  companyId: string;
  personId: string;
  role: 'member' | 'company_admin';
  changedAt: string;
}

export const CompanyMemberRoleChangedV1 = defineContract<CompanyMemberRoleChangedV1>()({
  type: 'identity.CompanyMemberRoleChanged',
  version: 1,
  topic: IDENTITY_TOPICS.company,
  description: "A member's role in a company changed.",
  schema: {
    type: 'object',
    required: ['companyId', 'personId', 'role', 'changedAt'],
    properties: { companyId: id, personId: id, role: companyRole, changedAt: isoDate },
    additionalProperties: false,
  },
});

export interface CompanyMemberLeftV1 {
  companyId: string;
  personId: string;
  reason: 'left' | 'removed';
  leftAt: string;
}

export const CompanyMemberLeftV1 = defineContract<CompanyMemberLeftV1>()({
  type: 'identity.CompanyMemberLeft',
  version: 1,
  topic: IDENTITY_TOPICS.company,
  description: 'A person stopped being a member of a company (left or was removed).',
  schema: {
    type: 'object',
    required: ['companyId', 'personId', 'reason', 'leftAt'],
    properties: { companyId: id, personId: id, reason: { enum: ['left', 'removed'] }, leftAt: isoDate },
    additionalProperties: false,
  },
});

export interface PersonRegisteredV1 {
  personId: string;
  displayName: string;
  locale: 'fr' | 'en';
  registeredAt: string;
}

export const PersonRegisteredV1 = defineContract<PersonRegisteredV1>()({
  type: 'identity.PersonRegistered',
  version: 1,
  topic: IDENTITY_TOPICS.person,
  description: 'A person created an account. Email and credentials are never published; the display name travels sealed.',
  sealedFields: ['displayName'],
  schema: {
    type: 'object',
    required: ['personId', 'displayName', 'locale', 'registeredAt'],
    properties: { personId: id, displayName: { type: 'string', minLength: 1 }, locale: { enum: ['fr', 'en'] }, registeredAt: isoDate },
    additionalProperties: false,
  },
});

export interface PersonProfileUpdatedV1 {
  personId: string;
  changes: { displayName?: string; headline?: string | null; locale?: 'fr' | 'en' };
  updatedAt: string;
}

export const PersonProfileUpdatedV1 = defineContract<PersonProfileUpdatedV1>()({
  type: 'identity.PersonProfileUpdated',
  version: 1,
  topic: IDENTITY_TOPICS.person,
  description: 'Public fields of a person profile changed (the phone number stays private); name and headline travel sealed.',
  sealedFields: ['changes.displayName', 'changes.headline'],
  schema: {
    type: 'object',
    required: ['personId', 'changes', 'updatedAt'],
    properties: {
      personId: id,
      changes: {
        type: 'object',
        properties: { displayName: { type: 'string', minLength: 1 }, headline: { type: ['string', 'null'] }, locale: { enum: ['fr', 'en'] } },
        additionalProperties: false,
        minProperties: 1,
      },
      updatedAt: isoDate,
    },
    additionalProperties: false,
  },
});

export interface ConsentChangedV1 {
  personId: string;
  purpose: 'directory_listing' | 'personal_ties' | 'warm_introductions' | 'analytics' | 'marketing_emails';
  granted: boolean;
  policyVersion?: string;
  changedAt: string;
}

export const ConsentChangedV1 = defineContract<ConsentChangedV1>()({
  type: 'identity.ConsentChanged',
  version: 1,
  topic: IDENTITY_TOPICS.person,
  description: 'A person gave or withdrew a consent; other services must honour it (ties, introductions).',
  schema: {
    type: 'object',
    required: ['personId', 'purpose', 'granted', 'changedAt'],
    properties: {
      personId: id,
      purpose: { enum: ['directory_listing', 'personal_ties', 'warm_introductions', 'analytics', 'marketing_emails'] },
      granted: { type: 'boolean' },
      policyVersion: { type: 'string' },
      changedAt: isoDate,
    },
    additionalProperties: false,
  },
});

export interface PlatformRoleChangedV1 {
  personId: string;
  role: 'territory_coordinator' | 'platform_admin';
  granted: boolean;
  changedAt: string;
}

export const PlatformRoleChangedV1 = defineContract<PlatformRoleChangedV1>()({
  type: 'identity.PlatformRoleChanged',
  version: 1,
  topic: IDENTITY_TOPICS.person,
  description: 'A platform-wide role (territory coordinator, platform admin) was granted or revoked.',
  schema: {
    type: 'object',
    required: ['personId', 'role', 'granted', 'changedAt'],
    properties: { personId: id, role: platformRole, granted: { type: 'boolean' }, changedAt: isoDate },
    additionalProperties: false,
  },
});

export interface PersonErasedV1 {
  personId: string;
  erasedAt: string;
}

export const PersonErasedV1 = defineContract<PersonErasedV1>()({
  type: 'identity.PersonErased',
  version: 1,
  topic: IDENTITY_TOPICS.person,
  description:
    "A person's account and personal data were erased (GDPR art. 17). Their sealed fields now open as '[erased]'; consumers delete or anonymise whatever they derived from the person.",
  schema: {
    type: 'object',
    required: ['personId', 'erasedAt'],
    properties: { personId: id, erasedAt: isoDate },
    additionalProperties: false,
  },
});

/**
 * Services allowed to open identity's sealed personal fields (find-only access to identity's key
 * store, see docs/adr/0009-crypto-shredding.md), each with the fields it needs and why. Empty:
 * no consumer needs a person's name in clear yet; one that does is added here by a reviewed change.
 */
export const IDENTITY_PERSONAL_DATA_CONSUMERS: ReadonlyArray<{ service: string; fields: readonly string[]; purpose: string }> = [];

export const IDENTITY_CONTRACTS = [
  CompanyRegisteredV1,
  CompanyProfileUpdatedV1,
  CompanyMemberJoinedV1,
  CompanyMemberRoleChangedV1,
  CompanyMemberLeftV1,
  PersonRegisteredV1,
  PersonProfileUpdatedV1,
  ConsentChangedV1,
  PlatformRoleChangedV1,
  PersonErasedV1,
];
