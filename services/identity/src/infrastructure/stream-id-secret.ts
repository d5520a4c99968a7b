import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Secret of the keyed hashes that stand in for personal values in stream ids (email claims). */
export const STREAM_ID_SECRET = Symbol('StreamIdSecret');
/** The email-claim handler bound with that secret (`EmailClaims` from the domain). */
export const EMAIL_CLAIMS = Symbol('EmailClaims');

/**
 * `IDENTITY_STREAM_ID_SECRET` (hex, 32 bytes or more, validated with the rest of the config) when
 * set, else a secret generated once into `<dataDir>/stream-id.secret` (mode 0600). Losing it
 * orphans the email claims: keep it with the data.
 */
export function loadOrCreateStreamIdSecret(dataDir: string, fromConfig: string | undefined): Buffer {
  if (fromConfig) return Buffer.from(fromConfig, 'hex');
  const file = join(dataDir, 'stream-id.secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
  return secret;
}
