import { defineContract } from '@opn/contracts';

/**
 * Territories' public events, for relations, recommendations and collectives: what territories
 * exist and which firms are members. Questions, answers, reasons, messages and imported
 * contacts stay in the service. Topic `territories.territory`, message key = the territory id.
 */
export const TERRITORIES_TOPICS = { territory: 'territories.territory' } as const;

const isoInstant = { type: 'string', format: 'date-time' } as const;
const isoDate = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
const id = { type: 'string', minLength: 1 } as const;
const strings = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

export type TerritoryKind = 'geographic' | 'thematic';
export type TerritoryLevel = 'region' | 'departement' | 'city' | 'employment_area' | 'sector' | 'value_chain' | 'other';

export interface TerritoryDefinedV1 {
  territoryId: string;
  name: string;
  kind: TerritoryKind;
  level: TerritoryLevel;
  parentId?: string;
  /** Postcodes, INSEE commune codes, départements (geographic) or NAF prefixes (thematic); absent lists are empty. */
  perimeter: { postcodes: string[]; communes: string[]; departements: string[]; nafCodes: string[] };
  definedAt: string;
}

export const TerritoryDefinedV1 = defineContract<TerritoryDefinedV1>()({
  type: 'territories.TerritoryDefined',
  version: 1,
  topic: TERRITORIES_TOPICS.territory,
  description: 'A territory was created or its name or perimeter changed: its whole public definition as it now is (an upsert).',
  schema: {
    type: 'object',
    required: ['territoryId', 'name', 'kind', 'level', 'perimeter', 'definedAt'],
    properties: {
      territoryId: id,
      name: { type: 'string', minLength: 1 },
      kind: { enum: ['geographic', 'thematic'] },
      level: { enum: ['region', 'departement', 'city', 'employment_area', 'sector', 'value_chain', 'other'] },
      parentId: id,
      perimeter: {
        type: 'object',
        required: ['postcodes', 'communes', 'departements', 'nafCodes'],
        properties: { postcodes: strings, communes: strings, departements: strings, nafCodes: strings },
        additionalProperties: false,
      },
      definedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface MembershipChangedV1 {
  territoryId: string;
  /** The firm, by SIREN (an imported member may not be on the platform yet). */
  siren: string;
  /** The firm's company on the platform, when the event knows it. */
  companyId?: string;
  /** `admitted`: a member from `changedAt` (admitted, imported, renewed, regrouped); `ended`: no longer one. */
  status: 'admitted' | 'ended';
  /** Last day of the membership, when it has one. */
  validUntil?: string;
  /** The coordinators' group labels, when they were set or changed by this step. */
  groups?: string[];
  changedAt: string;
}

export const MembershipChangedV1 = defineContract<MembershipChangedV1>()({
  type: 'territories.MembershipChanged',
  version: 1,
  topic: TERRITORIES_TOPICS.territory,
  description:
    'A firm became or stayed a member of a territory (admission, import, renewal, new groups) or stopped being one. A membership whose `validUntil` has passed without renewal has lapsed.',
  schema: {
    type: 'object',
    required: ['territoryId', 'siren', 'status', 'changedAt'],
    properties: {
      territoryId: id,
      siren: { type: 'string', pattern: '^[0-9]{9}$' },
      companyId: id,
      status: { enum: ['admitted', 'ended'] },
      validUntil: isoDate,
      groups: strings,
      changedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface CoordinatorChangedV1 {
  territoryId: string;
  personId: string;
  /** true: appointed; false: removed. */
  coordinator: boolean;
  changedAt: string;
}

export const CoordinatorChangedV1 = defineContract<CoordinatorChangedV1>()({
  type: 'territories.CoordinatorChanged',
  version: 1,
  topic: TERRITORIES_TOPICS.territory,
  description: 'A person was appointed coordinator of a territory, or removed (coordinators of a territory also coordinate the territories nested in it).',
  schema: {
    type: 'object',
    required: ['territoryId', 'personId', 'coordinator', 'changedAt'],
    properties: { territoryId: id, personId: id, coordinator: { type: 'boolean' }, changedAt: isoInstant },
    additionalProperties: false,
  },
});

export const TERRITORIES_CONTRACTS = [TerritoryDefinedV1, MembershipChangedV1, CoordinatorChangedV1];
