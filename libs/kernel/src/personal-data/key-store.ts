/** A data subject's 256-bit key, as the key store hands it out. */
export type SubjectKey = Buffer;

/**
 * Where the per-subject keys of crypto-shredding live (one key per data subject, e.g. a person).
 * Adapters: the embedded `SqliteKeyStore` (@opn/event-store); a KMS or Vault-backed one can replace
 * it behind this port. Keys never leave the service process that owns them, and never go to logs.
 */
export interface KeyStore {
  /**
   * The subject's key, created on first use. `undefined` when the subject was destroyed: a
   * destroyed subject never gets a new key, so what is written about it later is stored erased.
   */
  getOrCreate(subjectId: string): Promise<SubjectKey | undefined>;
  /** The subject's key, or `undefined` when it never had one or it was destroyed. */
  find(subjectId: string): Promise<SubjectKey | undefined>;
  /** Destroys the key for good and remembers that the subject is erased. Idempotent. */
  destroy(subjectId: string): Promise<void>;
  /** Whether `destroy` was called for the subject. */
  isDestroyed(subjectId: string): Promise<boolean>;
  close(): Promise<void>;
}
