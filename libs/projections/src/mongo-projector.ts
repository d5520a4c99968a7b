import type { AnyBulkWriteOperation, Connection } from 'mongoose';
import { DocumentProjection, ProjectedEvent, StoredDocument } from './projection';

const CHECKPOINTS = 'projection_checkpoints';

interface CheckpointDoc {
  _id: string;
  position: number;
  updatedAt: Date;
}

/**
 * Applies batches of events to one projection's MongoDB collection: loads the touched
 * documents in one query, folds in memory, writes back in one unordered bulkWrite whose
 * filters only match the revision that was read. A redelivered or older event changes nothing;
 * uses only operations MongoDB and FerretDB both support (no transactions).
 */
export class MongoProjector<Doc extends object> {
  constructor(
    private readonly connection: Connection,
    readonly projection: DocumentProjection<Doc>,
  ) {}

  private get collection() {
    return this.connection.collection<StoredDocument<Doc>>(this.projection.collection);
  }

  async ensureIndexes(): Promise<void> {
    for (const index of this.projection.indexes ?? []) {
      await this.collection.createIndex(index.fields, index.options ?? {});
    }
  }

  /** Returns how many documents changed. */
  async apply(events: ProjectedEvent[]): Promise<number> {
    const handled = new Set(this.projection.handles);
    const relevant: Array<{ id: string; event: ProjectedEvent }> = [];
    for (const event of events) {
      if (!handled.has(event.type)) continue;
      const id = this.projection.documentId(event);
      if (id !== undefined) relevant.push({ id, event });
    }
    if (relevant.length === 0) return 0;

    const ids = [...new Set(relevant.map((r) => r.id))];
    const found = await this.collection.find({ _id: { $in: ids } } as never).toArray();
    const original = new Map<string, StoredDocument<Doc>>(found.map((d) => [String(d._id), d as StoredDocument<Doc>]));
    const current = new Map<string, StoredDocument<Doc> | null>(original);

    for (const { id, event } of relevant) {
      const doc = current.has(id) ? current.get(id)! : null;
      if (doc && doc._position >= event.position) continue; // already applied
      const { _id, _position, _eventId, ...plain } = (doc ?? {}) as StoredDocument<Doc>;
      void _id;
      void _position;
      void _eventId;
      const next = this.projection.apply(doc ? (plain as Doc) : null, event);
      current.set(id, next === null ? null : ({ ...next, _id: id, _position: event.position, _eventId: event.id } as StoredDocument<Doc>));
    }

    const ops: AnyBulkWriteOperation<StoredDocument<Doc>>[] = [];
    for (const [id, next] of current) {
      const before = original.get(id);
      if (next === (before ?? null)) continue; // untouched, or created and deleted within the batch
      const filter = (before ? { _id: id, _position: before._position } : { _id: id, _position: { $exists: false } }) as never;
      if (next === null) {
        if (before) ops.push({ deleteOne: { filter } });
      } else {
        ops.push({ replaceOne: { filter, replacement: next as never, upsert: !before } });
      }
    }
    if (ops.length === 0) return 0;
    try {
      await this.collection.bulkWrite(ops, { ordered: false });
    } catch (error) {
      // A duplicate key on upsert means another projector instance wrote the document first,
      // from the same log: its content is as new or newer. Anything else is a real failure.
      if (!isOnlyDuplicateKeys(error)) throw error;
    }
    return ops.length;
  }

  async checkpoint(): Promise<number | undefined> {
    const doc = await this.connection.collection<CheckpointDoc>(CHECKPOINTS).findOne({ _id: this.projection.name });
    return doc?.position;
  }

  async saveCheckpoint(position: number): Promise<void> {
    await this.connection
      .collection<CheckpointDoc>(CHECKPOINTS)
      .replaceOne({ _id: this.projection.name }, { position, updatedAt: new Date() }, { upsert: true });
  }

  /** Drops the read model and its checkpoint: the next run replays from the start of the log. */
  async reset(): Promise<void> {
    await this.collection.drop().catch((e: unknown) => {
      if (!/ns not found|does not exist|NamespaceNotFound/i.test(String((e as Error)?.message ?? e))) throw e;
    });
    await this.connection.collection<CheckpointDoc>(CHECKPOINTS).deleteOne({ _id: this.projection.name });
    await this.ensureIndexes();
  }
}

function isOnlyDuplicateKeys(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (e?.code === 11000 && !e.writeErrors) return true;
  const writeErrors = e?.writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}
