/** What a projection needs of an event, whether it came from the local log or from Kafka. */
export interface ProjectedEvent<Data = unknown> {
  id: string;
  type: string;
  version: number;
  data: Data;
  /** Position in the source service's log: a document ignores events at or below the last one it applied. */
  position: number;
  /** Aggregate id or stream id of the event. */
  subject: string;
  /** Revision of the event in its own stream, when known (local log): gives documents an ETag. */
  revision?: number;
  occurredAt: Date | string;
}

/** Fields the projector adds to every document. */
export interface ProjectionMeta {
  _id: string;
  /** Position of the last event applied to this document. */
  _position: number;
  _eventId: string;
}

export type IndexSpec = { fields: Record<string, 1 | -1>; options?: { unique?: boolean; name?: string } };

/**
 * A read model as a pure fold: for each handled event, which document it touches and what that
 * document becomes (null deletes it). No I/O here, so it is unit-tested like a decider and the
 * same function serves live updates and rebuilds.
 */
export interface DocumentProjection<Doc extends object = Record<string, unknown>> {
  /** Also the checkpoint name. */
  name: string;
  collection: string;
  /** Event types it reads; others are skipped without loading anything. */
  handles: readonly string[];
  documentId(event: ProjectedEvent): string | undefined;
  apply(document: Doc | null, event: ProjectedEvent): Doc | null;
  indexes?: IndexSpec[];
}

export type StoredDocument<Doc> = Doc & ProjectionMeta;
