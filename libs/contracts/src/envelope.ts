/**
 * The wire envelope of every public integration event (CloudEvents-style, JSON in the Kafka
 * message value; the same fields travel as `ce_*` headers). Consumers deduplicate on `id`.
 */
export interface IntegrationEvent<Type extends string = string, Data = unknown> {
  /** Id of the stored event it was published from: stable across redeliveries. */
  id: string;
  /** `<service>.<EventName>`, e.g. `identity.CompanyRegistered`. */
  type: Type;
  /** Schema version of `data`; a breaking change publishes a new version beside the old one. */
  version: number;
  /** Producing service. */
  source: string;
  /** Id of the aggregate the event is about; also the Kafka message key. */
  subject: string;
  /** Position of the event in the source service's log: orders events of one subject. */
  position: number;
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
  data: Data;
}

/** Stable versioned wire name, e.g. `identity.CompanyRegistered.v1`. */
export const wireName = (type: string, version: number): string => `${type}.v${version}`;

export const ENVELOPE_SCHEMA = {
  type: 'object',
  required: ['id', 'type', 'version', 'source', 'subject', 'position', 'occurredAt', 'data'],
  properties: {
    id: { type: 'string', minLength: 1 },
    type: { type: 'string', pattern: '^[a-z][a-z0-9-]*\\.[A-Z][A-Za-z0-9]*$' },
    version: { type: 'integer', minimum: 1 },
    source: { type: 'string', minLength: 1 },
    subject: { type: 'string', minLength: 1 },
    position: { type: 'integer', minimum: 0 },
    occurredAt: { type: 'string', format: 'date-time' },
    correlationId: { type: 'string' },
    causationId: { type: 'string' },
    data: {},
  },
  additionalProperties: false,
} as const;
