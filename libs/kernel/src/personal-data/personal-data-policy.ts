/**
 * Which fields of which stored event types are personal data, and whose (the data subject).
 * Crypto-shredding (docs/adr/0009-crypto-shredding.md) seals exactly these fields under the
 * subject's key; destroying the key erases them from the log, read models, Kafka and backups.
 */
export interface PersonalFields<Data = unknown> {
  /**
   * The data subject the fields belong to (e.g. `data.personId`), read from the event data in
   * clear. Subject ids must themselves carry no personal data (opaque ids, never an email).
   */
  subject(data: Data): string;
  /** Dotted paths into the event data, e.g. `email` or `changes.phone`. */
  fields: readonly string[];
}

/** Event type -> its personal fields. Event types not listed carry no personal data. */
export type PersonalDataPolicy = Readonly<Partial<Record<string, PersonalFields>>>;

/**
 * Declares a policy with each entry typed by its event's data, e.g.
 * `definePersonalDataPolicy<PersonEvent>({ PersonRegistered: { subject: (d) => d.personId, fields: ['email'] } })`.
 */
export const definePersonalDataPolicy = <E extends { type: string; data: unknown }>(policy: {
  [T in E['type']]?: PersonalFields<Extract<E, { type: T }>['data']>;
}): PersonalDataPolicy => policy;

/** Splits `changes.phone` into `['changes', 'phone']`; rejects empty segments. */
export function fieldPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new Error(`invalid personal field path "${path}"`);
  return parts;
}
