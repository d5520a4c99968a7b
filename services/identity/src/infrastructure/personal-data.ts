import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { createEventStore, createKeyStore, EventStoreWithCheckpoints } from '@opn/event-store';
import { KeyStore, PersonalDataCipher, PersonalDataEventStore } from '@opn/kernel';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IdentityConfig } from '../config';
import { IDENTITY_PERSONAL_DATA } from '../domain';
import { CONFIG, EVENT_STORE } from './tokens';

/** The store underneath the personal-data decorator: sealed values only. For the relay and the projections. */
export const RAW_EVENT_STORE = Symbol('RawEventStore');
/** Per-person keys of crypto-shredding (`<dataDir>/keys.sqlite`). */
export const KEY_STORE = Symbol('KeyStore');
/** Secret of the keyed hashes that stand in for personal values in stream ids (email claims). */
export const STREAM_ID_SECRET = Symbol('StreamIdSecret');

/**
 * `IDENTITY_STREAM_ID_SECRET` (hex, 32 bytes or more) when set, else a secret generated once into
 * `<dataDir>/stream-id.secret` (mode 0600). Losing it orphans the email claims: keep it with the data.
 */
export function loadOrCreateStreamIdSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.IDENTITY_STREAM_ID_SECRET;
  if (fromEnv) {
    if (!/^([0-9a-f]{2}){32,}$/i.test(fromEnv)) throw new Error('IDENTITY_STREAM_ID_SECRET must be at least 32 bytes in hex');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = join(dataDir, 'stream-id.secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Closes the key store when the app stops (after the requests that use it). */
@Injectable()
export class KeyStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}
  async onApplicationShutdown() {
    await this.keys.close();
  }
}

/**
 * EVENT_STORE (what handlers, deciders and the export see) is the raw store behind the
 * PersonalDataEventStore: clear values in, clear values (or `[erased]`) out. RAW_EVENT_STORE is
 * for whatever copies events out of the process: the Kafka relay (Kafka gets ciphertext) and the
 * projections (read models keep sealed values and queries open them, so destroying a key erases
 * the read models too, rebuilt or not).
 */
export const personalDataProviders: Provider[] = [
  {
    provide: RAW_EVENT_STORE,
    inject: [CONFIG],
    useFactory: (config: IdentityConfig) => createEventStore({ eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir, service: 'identity' }),
  },
  { provide: KEY_STORE, inject: [CONFIG], useFactory: (config: IdentityConfig) => createKeyStore({ dataDir: config.dataDir, service: 'identity' }) },
  { provide: PersonalDataCipher, inject: [KEY_STORE], useFactory: (keys: KeyStore) => new PersonalDataCipher(IDENTITY_PERSONAL_DATA, keys) },
  {
    provide: EVENT_STORE,
    inject: [RAW_EVENT_STORE, PersonalDataCipher],
    useFactory: (raw: EventStoreWithCheckpoints, cipher: PersonalDataCipher) => new PersonalDataEventStore(raw, cipher),
  },
  { provide: STREAM_ID_SECRET, inject: [CONFIG], useFactory: (config: IdentityConfig) => loadOrCreateStreamIdSecret(config.dataDir) },
  KeyStoreLifecycle,
];
