import type { fr } from './fr';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every translation key, for keys built at run time (an API code, an event type). */
export type TKey = Leaves<typeof fr>;
