import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 (hex) of a value under a service secret: a lookup key (a stream id, an index) that
 * finds a record by a personal value without holding it. Unlike a plain hash, nobody without
 * the secret can confirm a guessed value (emails are easy to guess).
 */
export const keyedHash = (secret: Buffer | string, value: string): string =>
  createHmac('sha256', secret).update(value, 'utf8').digest('hex');
