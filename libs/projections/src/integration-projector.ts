import type { Connection } from 'mongoose';
import { IntegrationProjection, SourcedEvent } from './integration-projection';

/** Fields the integration projector adds to every document. */
export interface IntegrationProjectionMeta {
  _id: string;
  /**
   * Last applied position per source stream, keyed `<source>:<subject>`: positions are only
   * comparable within one source service's log AND one subject (Kafka orders a key within one
   * partition; two subjects of one log arrive on different partitions, in any relative order).
   */
  _positions: Record<string, number>;
  _eventId: string;
}

export type IntegrationDocument<Doc> = Doc & IntegrationProjectionMeta;

/** A MongoDB field name for a source stream: no `.` and no leading `$` (MongoDB and FerretDB reject them). */
export const streamKey = (source: string, subject: string): string => `${source}:${subject}`.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');

/**
 * Applies integration events, one at a time as Kafka delivers them, to one read model: loads the
 * document by `{_id}`, skips the event if the document already applied this source stream at or
 * past the event's position (a redelivery or a replay changes nothing), folds, and writes the
 * document back by `{_id}` (FerretDB uses the index only for exact `_id` filters).
 *
 * One writer per read model: the runner consumes one message at a time (kafkajs'
 * `partitionsConsumedConcurrently` stays 1), so reading, folding and replacing a document is safe.
 */
export class IntegrationProjector<Doc extends object> {
  constructor(
    private readonly connection: Connection,
    readonly projection: IntegrationProjection<Doc>,
    /** Told every document the fold wrote (null: deleted), after the write: for memory indexes mirroring the collection. */
    private readonly onChange?: (id: string, document: Doc | null) => void,
  ) {}

  private get collection() {
    return this.connection.collection<IntegrationDocument<Doc>>(this.projection.collection);
  }

  handles(event: SourcedEvent): boolean {
    return this.projection.handles.includes(event.type);
  }

  async ensureIndexes(): Promise<void> {
    for (const index of this.projection.indexes ?? []) await this.collection.createIndex(index.fields, index.options ?? {});
  }

  /** Returns true when the document changed. */
  async apply(event: SourcedEvent): Promise<boolean> {
    if (!this.handles(event)) return false;
    const id = this.projection.documentId(event);
    if (id === undefined) return false;
    const filter = { _id: id } as never;
    const stored = (await this.collection.findOne(filter)) as IntegrationDocument<Doc> | null;
    const key = streamKey(event.source, event.subject);
    if (stored && (stored._positions?.[key] ?? -1) >= event.position) return false; // already applied
    const { _id, _positions, _eventId, ...plain } = (stored ?? {}) as IntegrationDocument<Doc>;
    void _id;
    void _eventId;
    const next = this.projection.apply(stored ? (plain as unknown as Doc) : null, event);
    if (next === null) {
      if (!stored) return false;
      await this.collection.deleteOne(filter);
      this.onChange?.(id, null);
      return true;
    }
    const document = { ...next, _id: id, _positions: { ...(_positions ?? {}), [key]: event.position }, _eventId: event.id };
    if (stored) await this.collection.replaceOne(filter, document as never);
    else await this.collection.insertOne(document as never);
    this.onChange?.(id, next);
    return true;
  }

  /** Drops the read model (a rebuild replays the topics into it). */
  async reset(): Promise<void> {
    await this.collection.drop().catch((e: unknown) => {
      if (!/ns not found|does not exist|NamespaceNotFound/i.test(String((e as Error)?.message ?? e))) throw e;
    });
    await this.ensureIndexes();
  }
}
