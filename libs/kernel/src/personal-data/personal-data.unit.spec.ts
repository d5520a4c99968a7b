import { randomBytes } from 'node:crypto';
import { KeyStore, SubjectKey } from './key-store';
import { keyedHash } from './keyed-hash';
import {
  ERASED,
  PersonalDataCipher,
  PersonalDataIntegrityError,
  SEALED_PREFIX,
  isSealed,
  openValue,
  sealValue,
  sealedSubject,
} from './personal-data-cipher';
import { definePersonalDataPolicy, fieldPath } from './personal-data-policy';

/** The port's semantics in memory (the SQLite adapter has its own int test). */
class MemoryKeyStore implements KeyStore {
  readonly keys = new Map<string, SubjectKey | null>();
  async getOrCreate(id: string) {
    if (!this.keys.has(id)) this.keys.set(id, randomBytes(32));
    return this.keys.get(id) ?? undefined;
  }
  async find(id: string) {
    return this.keys.get(id) ?? undefined;
  }
  async destroy(id: string) {
    this.keys.set(id, null);
  }
  async isDestroyed(id: string) {
    return this.keys.get(id) === null;
  }
  async close() {}
}

type TestEvent =
  | { type: 'PersonRegistered'; data: { personId: string; email: string; displayName: string; locale: string } }
  | { type: 'PersonProfileUpdated'; data: { personId: string; changes: { phone?: string | null; headline?: string | null; locale?: string } } }
  | { type: 'Tagged'; data: { personId: string; tags: string[] } };

const policy = definePersonalDataPolicy<TestEvent>({
  PersonRegistered: { subject: (d) => d.personId, fields: ['email', 'displayName'] },
  PersonProfileUpdated: { subject: (d) => d.personId, fields: ['changes.phone', 'changes.headline'] },
  Tagged: { subject: (d) => d.personId, fields: ['tags'] },
});

describe('sealValue / openValue', () => {
  const key = randomBytes(32);

  it.each([['a string'], [42], [true], [null], [{ nested: ['x', 1, { y: null }] }], [['a', 'b']], ['ünïcødé ✓']])('round-trips %j', (value) => {
    const sealed = sealValue('p-1', key, value);
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(isSealed(sealed)).toBe(true);
    expect(sealedSubject(sealed)).toBe('p-1');
    expect(openValue(sealed, key)).toEqual(value);
  });

  it('never holds the plaintext, and two seals of one value differ (random IV)', () => {
    const a = sealValue('p-1', key, 'canary-123');
    const b = sealValue('p-1', key, 'canary-123');
    expect(a).not.toContain('canary');
    expect(Buffer.from(a.split(':').pop()!, 'base64url').toString('utf8')).not.toContain('canary');
    expect(a).not.toBe(b);
  });

  it('detects a tampered ciphertext, tag or IV', () => {
    const sealed = sealValue('p-1', key, 'hello');
    const parts = sealed.split(':');
    for (const i of [3, 4, 5]) {
      const bytes = Buffer.from(parts[i], 'base64url');
      bytes[0] ^= 1;
      const tampered = [...parts.slice(0, i), bytes.toString('base64url'), ...parts.slice(i + 1)].join(':');
      expect(() => openValue(tampered, key)).toThrow(PersonalDataIntegrityError);
    }
  });

  it('detects a value moved to another subject (the subject is authenticated)', () => {
    const sealed = sealValue('p-1', key, 'hello');
    const parts = sealed.split(':');
    parts[2] = Buffer.from('p-2').toString('base64url');
    expect(() => openValue(parts.join(':'), key)).toThrow(PersonalDataIntegrityError);
  });

  it('refuses the wrong key', () => {
    expect(() => openValue(sealValue('p-1', key, 'hello'), randomBytes(32))).toThrow(PersonalDataIntegrityError);
  });

  it('refuses a malformed sealed string', () => {
    expect(() => openValue(`${SEALED_PREFIX}abc`, key)).toThrow(PersonalDataIntegrityError);
  });
});

describe('PersonalDataCipher', () => {
  let keys: MemoryKeyStore;
  let cipher: PersonalDataCipher;
  beforeEach(() => {
    keys = new MemoryKeyStore();
    cipher = new PersonalDataCipher(policy, keys);
  });

  it('seals only the policy fields; other fields and other event types are untouched', async () => {
    const data = { personId: 'p-1', email: 'ada@example.fr', displayName: 'Ada', locale: 'fr' };
    const sealed = await cipher.seal('PersonRegistered', data);
    expect(sealed.personId).toBe('p-1');
    expect(sealed.locale).toBe('fr');
    expect(isSealed(sealed.email)).toBe(true);
    expect(isSealed(sealed.displayName)).toBe(true);
    expect(data.email).toBe('ada@example.fr'); // the input is not mutated
    const other = { companyId: 'c-1', legalName: 'Atelier' };
    expect(await cipher.seal('CompanyRegistered', other)).toBe(other);
    expect(await cipher.open(sealed)).toEqual(data);
  });

  it('seals nested fields (changes.phone), leaves absent and null ("removed") ones as they are', async () => {
    const sealed = await cipher.seal('PersonProfileUpdated', { personId: 'p-1', changes: { phone: '+33 6 12 34 56 78', headline: null, locale: 'en' } });
    expect(isSealed(sealed.changes.phone)).toBe(true);
    expect(sealed.changes.headline).toBeNull();
    expect(sealed.changes.locale).toBe('en');
    expect('headline' in (await cipher.seal('PersonProfileUpdated', { personId: 'p-1', changes: {} })).changes).toBe(false);
    expect(await cipher.open(sealed)).toEqual({ personId: 'p-1', changes: { phone: '+33 6 12 34 56 78', headline: null, locale: 'en' } });
  });

  it('seals a whole JSON value (an array) as one field', async () => {
    const sealed = await cipher.seal('Tagged', { personId: 'p-1', tags: ['a', 'b'] });
    expect(isSealed(sealed.tags)).toBe(true);
    expect(await cipher.open(sealed)).toEqual({ personId: 'p-1', tags: ['a', 'b'] });
  });

  it('reads an erased subject as the placeholder, other subjects still open', async () => {
    const ada = await cipher.seal('PersonRegistered', { personId: 'p-ada', email: 'ada@example.fr', displayName: 'Ada', locale: 'fr' });
    const bob = await cipher.seal('PersonRegistered', { personId: 'p-bob', email: 'bob@example.fr', displayName: 'Bob', locale: 'fr' });
    await keys.destroy('p-ada');
    expect(await cipher.openAll([ada, bob])).toEqual([
      { personId: 'p-ada', email: ERASED, displayName: ERASED, locale: 'fr' },
      { personId: 'p-bob', email: 'bob@example.fr', displayName: 'Bob', locale: 'fr' },
    ]);
  });

  it('stores fields written after the erasure as the placeholder, and never re-creates the key', async () => {
    await keys.getOrCreate('p-1');
    await keys.destroy('p-1');
    const sealed = await cipher.seal('PersonProfileUpdated', { personId: 'p-1', changes: { phone: '0612345678' } });
    expect(sealed.changes.phone).toBe(ERASED);
    expect(await keys.isDestroyed('p-1')).toBe(true);
    expect(await keys.find('p-1')).toBeUndefined();
  });

  it('opens sealed values anywhere in a document (read models keep sealed values)', async () => {
    const sealed = await cipher.seal('PersonRegistered', { personId: 'p-1', email: 'e@example.fr', displayName: 'Eve', locale: 'fr' });
    const doc = { items: [{ name: sealed.displayName, at: new Date(0) }], total: 1 };
    expect(await cipher.open(doc)).toEqual({ items: [{ name: 'Eve', at: new Date(0) }], total: 1 });
  });

  it('throws on tampering rather than reading it as erased', async () => {
    const sealed = await cipher.seal('PersonRegistered', { personId: 'p-1', email: 'e@example.fr', displayName: 'Eve', locale: 'fr' });
    const forged = { ...sealed, email: sealValue('p-1', randomBytes(32), 'mallory@example.fr') };
    await expect(cipher.open(forged)).rejects.toThrow(PersonalDataIntegrityError);
  });

  it('refuses an event whose policy finds no subject', async () => {
    await expect(cipher.seal('PersonRegistered', { email: 'x@example.fr' })).rejects.toThrow(/no subject id/);
  });
});

describe('fieldPath and keyedHash', () => {
  it('splits dotted paths and rejects empty segments', () => {
    expect(fieldPath('changes.phone')).toEqual(['changes', 'phone']);
    expect(() => fieldPath('changes..phone')).toThrow();
  });

  it('depends on the secret', () => {
    expect(keyedHash('s1', 'ada@example.fr')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash('s1', 'ada@example.fr')).toBe(keyedHash('s1', 'ada@example.fr'));
    expect(keyedHash('s1', 'ada@example.fr')).not.toBe(keyedHash('s2', 'ada@example.fr'));
  });
});
