/** Nest injection tokens for what is not a class. */
export const CONFIG = Symbol('IdentityConfig');
export const EVENT_STORE = Symbol('EventStore');
export const MONGO = Symbol('MongoConnection');
export const CLOCK = Symbol('Clock');

export type Clock = () => Date;
