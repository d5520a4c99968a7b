import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyStore, SubjectKey } from '@opn/kernel';

export interface SqliteKeyStoreOptions {
  /** File path (beside the event store: `<dataDir>/keys.sqlite`), or ':memory:'. */
  filename: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subject_keys (
  subject_id TEXT PRIMARY KEY,
  key        BLOB,
  created_at TEXT NOT NULL,
  destroyed_at TEXT,
  CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
) WITHOUT ROWID;
`;

/**
 * The embedded key store of crypto-shredding: one SQLite file apart from the events (so a copy of
 * the event log is not a copy of its keys), WAL, `secure_delete` so a destroyed key's bytes are
 * overwritten with zeros rather than left in free pages. A destroyed subject keeps a tombstone
 * row (no key), so it never gets a new key. After `destroy` the WAL is checkpointed and truncated,
 * so the old key does not survive in the journal either.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private closed = false;
  private readonly stmts: ReturnType<SqliteKeyStore['prepare']>;

  constructor(options: SqliteKeyStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmts = this.prepare();
  }

  private prepare() {
    return {
      get: this.db.prepare<[string], { key: Buffer | null }>('SELECT key FROM subject_keys WHERE subject_id = ?'),
      // Two writers racing on a new subject both end up with the key that won the insert.
      create: this.db.prepare('INSERT INTO subject_keys (subject_id, key, created_at) VALUES (?, ?, ?) ON CONFLICT(subject_id) DO NOTHING'),
      destroy: this.db.prepare(
        `INSERT INTO subject_keys (subject_id, key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
         ON CONFLICT(subject_id) DO UPDATE SET key = NULL, destroyed_at = COALESCE(subject_keys.destroyed_at, excluded.destroyed_at)`,
      ),
    };
  }

  async getOrCreate(subjectId: string): Promise<SubjectKey | undefined> {
    this.assertOpen();
    const row = this.stmts.get.get(subjectId);
    if (row) return row.key ?? undefined;
    this.stmts.create.run(subjectId, randomBytes(32), new Date().toISOString());
    return this.stmts.get.get(subjectId)?.key ?? undefined;
  }

  async find(subjectId: string): Promise<SubjectKey | undefined> {
    this.assertOpen();
    return this.stmts.get.get(subjectId)?.key ?? undefined;
  }

  async destroy(subjectId: string): Promise<void> {
    this.assertOpen();
    const now = new Date().toISOString();
    this.stmts.destroy.run(subjectId, now, now);
    // Copy the pages back into the main file (where secure_delete zeroed the old key) and empty the WAL.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async isDestroyed(subjectId: string): Promise<boolean> {
    this.assertOpen();
    const row = this.stmts.get.get(subjectId);
    return row !== undefined && row.key === null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen() {
    if (this.closed) throw new Error('key store is closed');
  }
}
