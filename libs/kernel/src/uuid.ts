import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** RFC 4122 version-5 style id: the same name in the same namespace always gives the same id. */
export const deterministicId = (namespace: string, ...parts: string[]): string => {
  const h = createHash('sha1').update(namespace).update('\u0000').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

/**
 * UUID version 7 (RFC 9562): 48-bit millisecond time, then randomness. Event ids use it so the
 * store's unique index receives keys in time order (about 1.3x faster batched appends than random
 * v4 keys, measured by `npm run bench`). Entity ids stay v4: they should not reveal when a company
 * or a person was created.
 */
export const newEventId = (): string => {
  const b = randomBytes(16);
  const ms = Date.now();
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};
