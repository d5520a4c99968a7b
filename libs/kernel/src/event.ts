/** A domain event as deciders produce and evolve see it: a fact in the past tense. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** Who caused it: a person id, or a system name. */
  actor?: string;
  idempotencyKey?: string;
  [key: string]: unknown;
}

/** An event about to be appended. `id` is generated when absent. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  id?: string;
  type: E['type'];
  /** Schema version of `data`; stored events are never rewritten, old versions are upcast on read. */
  version?: number;
  data: E['data'];
  metadata?: EventMetadata;
  occurredAt?: Date;
}

/** An event as the store recorded it. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  id: string;
  type: E['type'];
  version: number;
  data: E['data'];
  streamId: string;
  /** 0-based position inside its stream. */
  revision: number;
  /** Position in the store's global log: strictly increasing, never reused. */
  position: number;
  occurredAt: Date;
  recordedAt: Date;
  correlationId?: string;
  causationId?: string;
  metadata: EventMetadata;
}

/** `<aggregate>-<id>` */
export const streamName = (aggregate: string, id: string): string => `${aggregate}-${id}`;

export const streamCategory = (streamId: string): string => {
  const i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(0, i);
};

export const streamEntityId = (streamId: string): string => {
  const i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(i + 1);
};
