import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** RFC 4122 version-5 style id: the same name in the same namespace always gives the same id. */
export const deterministicId = (namespace: string, ...parts: string[]): string => {
  const h = createHash('sha1').update(namespace).update('\u0000').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};
