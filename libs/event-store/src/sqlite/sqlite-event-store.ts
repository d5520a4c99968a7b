import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AppendOptions,
  AppendResult,
  CheckpointStore,
  ConcurrencyError,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  ValidationError,
  describeExpected,
  newEventId,
  revisionMatches,
} from '@opn/kernel';
import { pollingSubscription } from '../polling-subscription';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for tests of pure logic. */
  filename: string;
  /**
   * 'full' (default) commits every append durably (WAL + fsync) before it resolves.
   * 'normal' may lose the last transactions on power loss (never corrupts).
   */
  durability?: 'full' | 'normal';
  /** How often a subscriber looks for appends made by another process (ms). */
  pollIntervalMs?: number;
}

interface Row {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  version: number;
  data: string;
  metadata: string;
  occurred_at: string;
  recorded_at: string;
}

/** The events table; exported so the benchmark's raw-insert baseline writes the very same table. */
export const EVENTS_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  occurred_at TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);`;

const SCHEMA = `${EVENTS_TABLE_DDL}
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT PRIMARY KEY,
  revision  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (
  name       TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * The embedded default: one SQLite file per service, WAL journal, one writer at a time
 * (SQLite serialises writers, so global positions are gap-free and commit in order, which
 * keeps catch-up subscriptions simple). See docs/adr/0002-embedded-event-store.md.
 */
export class SqliteEventStore implements EventStore, CheckpointStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;
  private closed = false;
  private readonly stmts: ReturnType<SqliteEventStore['prepare']>;
  private readonly appendTx: Database.Transaction<(streamId: string, events: NewEvent[], options: AppendOptions) => AppendResult>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.appended.setMaxListeners(0);
    this.stmts = this.prepare();
    this.appendTx = this.db.transaction((streamId: string, events: NewEvent[], opts: AppendOptions) =>
      this.appendInTx(streamId, events, opts),
    );
  }

  private prepare() {
    return {
      revision: this.db.prepare<[string], { revision: number }>('SELECT revision FROM streams WHERE stream_id = ?'),
      upsertStream: this.db.prepare(
        'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (id, stream_id, revision, type, version, data, metadata, occurred_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: this.db.prepare<[string, number, number], Row>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readAll: this.db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
      loadCheckpoint: this.db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: this.db.prepare(
        `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      ),
    };
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    if (!streamId) throw new ValidationError('stream id must not be empty');
    if (events.length === 0) throw new ValidationError('append needs at least one event');
    // BEGIN IMMEDIATE: take the write lock before reading the stream revision, so writers in other
    // processes or threads queue on busy_timeout instead of failing to upgrade a stale read.
    const result = this.appendTx.immediate(streamId, events, options);
    this.appended.emit('append', result.lastPosition);
    return result;
  }

  private appendInTx(streamId: string, events: NewEvent[], options: AppendOptions): AppendResult {
    const current = this.stmts.revision.get(streamId)?.revision ?? -1;
    const expected = options.expectedRevision ?? 'any';
    if (!revisionMatches(expected, current)) throw new ConcurrencyError(streamId, describeExpected(expected), String(current));
    const recordedAt = new Date();
    const recordedIso = recordedAt.toISOString();
    const recorded: RecordedEvent[] = [];
    let revision = current;
    for (const e of events) {
      revision += 1;
      const id = e.id ?? newEventId();
      const metadata: EventMetadata = e.metadata ?? {};
      const occurredAt = e.occurredAt ?? recordedAt;
      const version = e.version ?? 1;
      const info = this.stmts.insert.run(
        id,
        streamId,
        revision,
        e.type,
        version,
        JSON.stringify(e.data ?? null),
        JSON.stringify(metadata),
        occurredAt.toISOString(),
        recordedIso,
      );
      recorded.push({
        id,
        type: e.type,
        version,
        data: e.data,
        streamId,
        revision,
        position: Number(info.lastInsertRowid),
        occurredAt,
        recordedAt,
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
        metadata,
      });
    }
    this.stmts.upsertStream.run(streamId, revision);
    return { nextExpectedRevision: revision, lastPosition: recorded[recorded.length - 1].position, events: recorded };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.stmts.readStream
      .all(streamId, options.fromRevision ?? 0, options.maxCount ?? Number.MAX_SAFE_INTEGER)
      .map(toRecorded);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.stmts.revision.get(streamId)?.revision ?? -1;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.stmts.readAll.all(options.after ?? 0, options.maxCount ?? 1000).map(toRecorded);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.stmts.head.get()?.head ?? 0;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return pollingSubscription(this, options, {
      pollIntervalMs: this.pollIntervalMs,
      onAppend: (wake) => {
        this.appended.on('append', wake);
        return () => this.appended.off('append', wake);
      },
    });
  }

  async load(name: string): Promise<number | undefined> {
    this.assertOpen();
    return this.stmts.loadCheckpoint.get(name)?.position;
  }

  async save(name: string, position: number): Promise<void> {
    this.assertOpen();
    this.stmts.saveCheckpoint.run(name, position, new Date().toISOString());
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.emit('append', -1);
    this.appended.removeAllListeners();
    this.db.close();
  }

  private assertOpen() {
    if (this.closed) throw new Error('event store is closed');
  }
}

const toRecorded = (r: Row): RecordedEvent => {
  const metadata = JSON.parse(r.metadata) as EventMetadata;
  return {
    id: r.id,
    type: r.type,
    version: r.version,
    data: JSON.parse(r.data),
    streamId: r.stream_id,
    revision: r.revision,
    position: r.position,
    occurredAt: new Date(r.occurred_at),
    recordedAt: new Date(r.recorded_at),
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    metadata,
  };
};
