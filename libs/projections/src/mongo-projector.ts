import type { AnyBulkWriteOperation, Connection } from 'mongoose';
import { DocumentProjection, ProjectedEvent, StoredDocument } from './projection';

const CHECKPOINTS = 'projection_checkpoints';

interface CheckpointDoc {
  _id: string;
  position: number;
  updatedAt: Date;
}

/** Statements per bulkWrite: FerretDB 1.24 (SQLite) holds a connection per matched update until the
 * whole command ends and hangs for good past 100 of them; 50 keeps well under. */
const UPDATE_CHUNK = 50;
const INSERT_CHUNK = 1000;
const FIND_CHUNK = 500;
const POINT_READS = 64;

export interface MongoProjectorOptions {
  /**
   * Keep up to this many documents in memory as last written, and read only the others (default 0).
   * Only for the one writer of a read model (the live runner): a document written by anyone else
   * in the meantime would be folded from a stale copy. Forgotten whenever a write fails.
   */
  cacheDocuments?: number;
}

/**
 * Applies batches of events to one projection's MongoDB collection: loads the touched documents,
 * folds in memory (skipping events at or below a document's `_position`, so redelivery and replays
 * change nothing), then writes each changed document once: inserts for new ones, `{_id}` replaces
 * and deletes for the others, in small bulks. Filters are exactly `{_id}` because FerretDB scans the
 * whole collection for any other filter. One projector instance writes a read model at a time (the
 * service's live runner, or `npm run rebuild` with the service stopped); an insert racing another
 * writer fails on the duplicate key and is ignored. Uses only what MongoDB and FerretDB both support.
 * With `cacheDocuments`, the documents of the last batches are kept as written and not read again.
 */
export class MongoProjector<Doc extends object> {
  /** Documents as this projector last wrote them, oldest use first (a Map keeps insertion order). */
  private readonly cache = new Map<string, StoredDocument<Doc>>();
  private readonly cacheSize: number;

  constructor(
    private readonly connection: Connection,
    readonly projection: DocumentProjection<Doc>,
    options: MongoProjectorOptions = {},
  ) {
    this.cacheSize = options.cacheDocuments ?? 0;
  }

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
    try {
      return await this.applyBatch(events);
    } catch (error) {
      // A fold that threw may have changed cached documents in place, and some statements of an
      // unordered bulk may have been applied: read every document again.
      this.cache.clear();
      throw error;
    }
  }

  private async applyBatch(events: ProjectedEvent[]): Promise<number> {
    const handled = new Set(this.projection.handles);
    const relevant: Array<{ id: string; event: ProjectedEvent }> = [];
    for (const event of events) {
      if (!handled.has(event.type)) continue;
      const id = this.projection.documentId(event);
      if (id !== undefined) relevant.push({ id, event });
    }
    if (relevant.length === 0) return 0;

    const original = new Map<string, StoredDocument<Doc>>();
    const ids: string[] = [];
    for (const id of new Set(relevant.map((r) => r.id))) {
      const cached = this.cache.get(id);
      if (cached) original.set(id, cached);
      else ids.push(id);
    }
    if (ids.length > 0 && ids.length <= POINT_READS) {
      // Live batches touch few documents: exact `{_id}` reads use the index on FerretDB too,
      // where `$in` scans the whole collection (7 ms for 200 documents, growing with the collection).
      const found = await Promise.all(ids.map((id) => this.collection.findOne({ _id: id } as never)));
      for (const d of found) if (d) original.set(String(d._id), d as StoredDocument<Doc>);
    } else if (ids.length > 0) {
      for (let i = 0; i < ids.length; i += FIND_CHUNK) {
        const found = await this.collection.find({ _id: { $in: ids.slice(i, i + FIND_CHUNK) } } as never).toArray();
        for (const d of found) original.set(String(d._id), d as StoredDocument<Doc>);
      }
    }
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

    const inserts: AnyBulkWriteOperation<StoredDocument<Doc>>[] = [];
    const updates: AnyBulkWriteOperation<StoredDocument<Doc>>[] = [];
    for (const [id, next] of current) {
      const before = original.get(id);
      if (next === (before ?? null)) continue; // untouched, or created and deleted within the batch
      const filter = { _id: id } as never;
      if (next === null) updates.push({ deleteOne: { filter } });
      else if (before) updates.push({ replaceOne: { filter, replacement: next as never } });
      else inserts.push({ insertOne: { document: next as never } });
    }
    let exact = true;
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK) exact = (await this.write(inserts.slice(i, i + INSERT_CHUNK))) && exact;
    for (let i = 0; i < updates.length; i += UPDATE_CHUNK) exact = (await this.write(updates.slice(i, i + UPDATE_CHUNK))) && exact;
    // After a duplicate key, what another writer inserted is not what this batch folded.
    if (!exact) this.cache.clear();
    else if (this.cacheSize > 0) this.remember(current);
    return inserts.length + updates.length;
  }

  /** Caches the batch's documents as they now are in the collection; deleted ones leave the cache. */
  private remember(current: Map<string, StoredDocument<Doc> | null>) {
    for (const [id, doc] of current) {
      this.cache.delete(id); // set again below, as the most recently used
      if (doc !== null) this.cache.set(id, doc);
    }
    for (const id of this.cache.keys()) {
      if (this.cache.size <= this.cacheSize) break;
      this.cache.delete(id);
    }
  }

  /** False when some inserts met a document another writer had created first. */
  private async write(ops: AnyBulkWriteOperation<StoredDocument<Doc>>[]): Promise<boolean> {
    try {
      await this.collection.bulkWrite(ops, { ordered: false });
      return true;
    } catch (error) {
      // A duplicate key on insert means another writer created the document first from the same
      // log. Anything else is a real failure (retried by the caller).
      if (!isOnlyDuplicateKeys(error)) throw error;
      return false;
    }
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
    this.cache.clear();
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
