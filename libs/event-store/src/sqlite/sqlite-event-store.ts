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
  ExpectedRevision,
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
  /**
   * true (default): appends that arrive while the event loop is busy (the same tick, or I/O callbacks
   * of the same loop turn, e.g. several HTTP commands in flight) share one transaction and one fsync;
   * each is still checked on its own and fails alone. false: one transaction per append, run at once.
   */
  groupCommit?: boolean;
  /**
   * Events of recently read streams kept in memory (default 50,000; 0 = none): reading a stream
   * again then fetches only the events appended since, instead of the whole stream (commands load
   * their aggregate's stream every time). The log is append-only, so the kept events never go stale.
   */
  streamCacheEvents?: number;
}

/** One event of a queued append, serialised when appendToStream was called. */
interface PreparedEvent {
  id: string;
  type: string;
  version: number;
  data: unknown;
  dataJson: string;
  metadata: EventMetadata;
  metadataJson: string;
  occurredAt: Date | undefined;
  occurredIso: string | undefined;
}

interface QueuedAppend {
  streamId: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
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
  private readonly groupCommit: boolean;
  /** Appends waiting for the next group commit, in call order. */
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;
  private readonly counters = { transactions: 0, appends: 0 };

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
    this.groupCommit = options.groupCommit ?? true;
    this.streamCacheLimit = options.streamCacheEvents ?? 50_000;
  }

  /** Streams read recently, least recently used first, and their events (revisions 0..n-1). */
  private readonly streamCache = new Map<string, readonly RecordedEvent[]>();
  private streamCacheSize = 0;
  private readonly streamCacheLimit: number;

  /** The whole stream: the kept events and those appended since, read from revision n. */
  private wholeStream(streamId: string): readonly RecordedEvent[] {
    const kept = this.streamCache.get(streamId);
    const from = kept?.length ?? 0;
    const tail = this.stmts.readStream.all(streamId, from, Number.MAX_SAFE_INTEGER).map(toRecorded);
    const events = kept ? (tail.length ? [...kept, ...tail.map(frozen)] : kept) : tail.map(frozen);
    if (this.streamCacheLimit > 0 && events.length > 0 && events.length <= this.streamCacheLimit) {
      this.streamCache.delete(streamId); // re-inserted last: most recently used
      this.streamCache.set(streamId, events);
      this.streamCacheSize += events.length - from;
      for (const [id, old] of this.streamCache) {
        if (this.streamCacheSize <= this.streamCacheLimit) break;
        this.streamCache.delete(id);
        this.streamCacheSize -= old.length;
      }
    }
    return events;
  }

  private prepare() {
    return {
      // BEGIN IMMEDIATE: take the write lock before reading any stream revision, so writers in other
      // processes or threads queue on busy_timeout instead of failing to upgrade a stale read.
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT append'),
      release: this.db.prepare('RELEASE append'),
      rollbackTo: this.db.prepare('ROLLBACK TO append'),
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

  /**
   * Queues the append for the next group commit and resolves once the transaction holding it has
   * committed (fsynced with the default durability). Appends queued while the event loop is busy are
   * written by one BEGIN IMMEDIATE ... COMMIT, each after its own expected-revision check and inside its
   * own SAVEPOINT, so a refused or failing append fails alone. A lone append is committed on the
   * next turn of the event loop (setImmediate, no timer).
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    let queued: Omit<QueuedAppend, 'resolve' | 'reject'>;
    try {
      this.assertOpen();
      if (!streamId) throw new ValidationError('stream id must not be empty');
      if (events.length === 0) throw new ValidationError('append needs at least one event');
      // Serialised now: the caller may reuse its objects once the call returned, and a payload that
      // cannot be serialised fails this append only.
      queued = { streamId, events: events.map(prepareEvent), expected: options.expectedRevision ?? 'any' };
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...queued, resolve, reject });
      if (!this.groupCommit) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Writes every queued append in one transaction; settles each promise after the COMMIT returned. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    try {
      this.stmts.begin.run();
      try {
        const recordedAt = new Date();
        const recordedIso = recordedAt.toISOString();
        // A lone append needs no savepoint: on an error the whole transaction is rolled back.
        const isolate = group.length > 1;
        for (const append of group) {
          if (isolate) this.stmts.savepoint.run();
          try {
            outcomes.push({ ok: true, result: this.write(append, recordedAt, recordedIso) });
            if (isolate) this.stmts.release.run();
          } catch (error) {
            // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, IOERR, BUSY...):
            // then nothing of the group is written and the whole group fails below.
            if (!this.db.inTransaction) throw error;
            if (isolate) {
              this.stmts.rollbackTo.run();
              this.stmts.release.run();
            } else if (!(error instanceof ConcurrencyError)) {
              throw error;
            }
            outcomes.push({ ok: false, error });
          }
        }
        this.stmts.commit.run();
        this.counters.transactions += 1;
        this.counters.appends += group.length;
      } catch (error) {
        if (this.db.inTransaction) this.stmts.rollback.run();
        throw error;
      }
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    let last = -1;
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        last = outcome.result.lastPosition;
        append.resolve(outcome.result);
      } else append.reject(outcome.error);
    });
    if (last >= 0) this.appended.emit('append', last);
  };

  /** One append inside the group's transaction: exact revision check, then its rows and its stream. */
  private write(append: QueuedAppend, recordedAt: Date, recordedIso: string): AppendResult {
    const { streamId, events, expected } = append;
    const current = this.stmts.revision.get(streamId)?.revision ?? -1;
    if (!revisionMatches(expected, current)) throw new ConcurrencyError(streamId, describeExpected(expected), String(current));
    const recorded: RecordedEvent[] = new Array(events.length);
    let revision = current;
    let position = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      revision += 1;
      const info = this.stmts.insert.run(
        e.id,
        streamId,
        revision,
        e.type,
        e.version,
        e.dataJson,
        e.metadataJson,
        e.occurredIso ?? recordedIso,
        recordedIso,
      );
      position = Number(info.lastInsertRowid);
      recorded[i] = {
        id: e.id,
        type: e.type,
        version: e.version,
        data: e.data,
        streamId,
        revision,
        position,
        occurredAt: e.occurredAt ?? recordedAt,
        recordedAt,
        correlationId: e.metadata.correlationId,
        causationId: e.metadata.causationId,
        metadata: e.metadata,
      };
    }
    this.stmts.upsertStream.run(streamId, revision);
    return { nextExpectedRevision: revision, lastPosition: position, events: recorded };
  }

  /** Append transactions committed and appends they carried (refused ones included), since opening. */
  stats(): { transactions: number; appends: number } {
    return { ...this.counters };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = options.fromRevision ?? 0;
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (this.streamCacheLimit === 0) return this.stmts.readStream.all(streamId, from, max).map(toRecorded);
    return this.wholeStream(streamId).slice(from, from + max);
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
    this.flush(); // appends already accepted are committed, not dropped
    this.closed = true;
    this.appended.emit('append', -1);
    this.appended.removeAllListeners();
    this.db.close();
  }

  private assertOpen() {
    if (this.closed) throw new Error('event store is closed');
  }
}

const EMPTY_METADATA_JSON = '{}';

function prepareEvent(e: NewEvent): PreparedEvent {
  const metadata: EventMetadata = e.metadata ?? {};
  return {
    id: e.id ?? newEventId(),
    type: e.type,
    version: e.version ?? 1,
    data: e.data,
    dataJson: JSON.stringify(e.data ?? null),
    metadata,
    metadataJson: e.metadata ? JSON.stringify(metadata) : EMPTY_METADATA_JSON,
    occurredAt: e.occurredAt,
    occurredIso: e.occurredAt?.toISOString(),
  };
}

/** Events shared by every reader of a cached stream are read-only (the top level of data and metadata too). */
function frozen(e: RecordedEvent): RecordedEvent {
  if (e.data && typeof e.data === 'object') Object.freeze(e.data);
  Object.freeze(e.metadata);
  return Object.freeze(e);
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
