import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyStore, SubjectKey } from './key-store';
import { PersonalDataPolicy, fieldPath } from './personal-data-policy';

/**
 * The sealed form of a personal value: `pii:v1:<subject>:<iv>:<tag>:<ciphertext>`, each part
 * base64url. The plaintext is the JSON encoding of the value, so any JSON value round-trips.
 * AES-256-GCM with a random 96-bit IV; the additional data binds the ciphertext to its version
 * and subject, so a value moved to another subject's field fails authentication.
 */
export const SEALED_PREFIX = 'pii:v1:';

/**
 * What an erased personal field reads as everywhere (streams, rebuilt read models, Kafka
 * payloads opened by a consumer): the string `"[erased]"`, whatever the field's type was.
 * A field written for an already erased subject is stored as this placeholder directly.
 */
export const ERASED = '[erased]';

/** A sealed value failed authentication: tampered with, or sealed under another key. */
export class PersonalDataIntegrityError extends Error {
  constructor(readonly subjectId: string) {
    super(`a sealed personal value of subject ${subjectId} failed authentication (tampered or wrong key)`);
    this.name = 'PersonalDataIntegrityError';
  }
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX);

const b64 = (b: Buffer) => b.toString('base64url');
const aad = (subjectId: string) => Buffer.from(`${SEALED_PREFIX}${subjectId}`, 'utf8');

/** Encrypts one JSON value under the subject's key. */
export function sealValue(subjectId: string, key: SubjectKey, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(subjectId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${b64(Buffer.from(subjectId, 'utf8'))}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(ciphertext)}`;
}

/** The subject a sealed value belongs to. */
export function sealedSubject(sealed: string): string {
  const [subject] = sealed.slice(SEALED_PREFIX.length).split(':');
  return Buffer.from(subject ?? '', 'base64url').toString('utf8');
}

/** Decrypts a sealed value; throws PersonalDataIntegrityError when it does not authenticate. */
export function openValue(sealed: string, key: SubjectKey): unknown {
  const parts = sealed.slice(SEALED_PREFIX.length).split(':');
  const subjectId = sealedSubject(sealed);
  if (parts.length !== 4) throw new PersonalDataIntegrityError(subjectId);
  const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad(subjectId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    return JSON.parse(plain);
  } catch {
    throw new PersonalDataIntegrityError(subjectId);
  }
}

/**
 * Seals the policy's fields of event data on the way in and opens every sealed value on the
 * way out. Opening does not need the policy (sealed values name their subject), so fields that
 * were personal when written stay readable, or erased, whatever the policy says later.
 * Keys are looked up once per call (`seal`/`open` of a batch), never cached across calls, so a
 * destroyed key takes effect on the next read.
 */
export class PersonalDataCipher {
  constructor(
    readonly policy: PersonalDataPolicy,
    readonly keys: KeyStore,
  ) {}

  /** A copy of `data` with the personal fields of `type` sealed (or ERASED for an erased subject). */
  async seal<D>(type: string, data: D, cache: Map<string, SubjectKey | undefined> = new Map()): Promise<D> {
    const entry = this.policy[type];
    if (!entry || data === null || typeof data !== 'object') return data;
    const subjectId = entry.subject(data);
    if (typeof subjectId !== 'string' || subjectId === '') throw new Error(`personal data policy of ${type}: no subject id in the event data`);
    if (!cache.has(subjectId)) cache.set(subjectId, await this.keys.getOrCreate(subjectId));
    const key = cache.get(subjectId);
    const copy = structuredClone(data);
    for (const path of entry.fields) {
      const segments = fieldPath(path);
      const last = segments.pop()!;
      let parent: unknown = copy;
      for (const s of segments) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[s] : undefined;
      if (parent === null || typeof parent !== 'object') continue;
      const holder = parent as Record<string, unknown>;
      const value = holder[last];
      // Absent and null ("removed") carry no personal data; an already sealed value stays as is.
      if (value === undefined || value === null || isSealed(value)) continue;
      holder[last] = key ? sealValue(subjectId, key, value) : ERASED;
    }
    return copy;
  }

  /** A copy of `value` with every sealed string opened, or ERASED when its key is gone. */
  async open<T>(value: T, cache: Map<string, SubjectKey | undefined> = new Map()): Promise<T> {
    const subjects = new Set<string>();
    collectSubjects(value, subjects);
    if (subjects.size === 0) return value;
    for (const s of subjects) if (!cache.has(s)) cache.set(s, await this.keys.find(s));
    return openDeep(value, cache) as T;
  }

  /** Opens many values with one key lookup per subject. */
  async openAll<T>(values: T[]): Promise<T[]> {
    const cache = new Map<string, SubjectKey | undefined>();
    const out: T[] = [];
    for (const v of values) out.push(await this.open(v, cache));
    return out;
  }
}

function collectSubjects(value: unknown, into: Set<string>): void {
  if (isSealed(value)) into.add(sealedSubject(value));
  else if (Array.isArray(value)) value.forEach((v) => collectSubjects(v, into));
  else if (isPlainObject(value)) Object.values(value).forEach((v) => collectSubjects(v, into));
}

function openDeep(value: unknown, keys: Map<string, SubjectKey | undefined>): unknown {
  if (isSealed(value)) {
    const key = keys.get(sealedSubject(value));
    return key ? openValue(value, key) : ERASED;
  }
  if (Array.isArray(value)) return value.map((v) => openDeep(v, keys));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openDeep(v, keys)]));
  }
  return value;
}

/** JSON-like objects only: dates, buffers and driver types (ObjectId) are left alone. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // Compared by shape, not identity: structuredClone and jest's sandboxes hand out objects of
  // another realm, whose Object.prototype is not ours.
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
