/** Nest injection tokens of what the kit provides that is not a class (one file, one meaning: DI tokens). */
export const SERVICE_DEFINITION = Symbol('ServiceDefinition');
/** The service's whole validated configuration: the kit's variables and its own. */
export const SERVICE_CONFIG = Symbol('ServiceConfig');
/** What handlers and deciders use: personal fields in clear (or `[erased]`) when the service declares personal data. */
export const EVENT_STORE = Symbol('EventStore');
/** The store underneath, holding sealed personal fields only: the relay, projections and checkpoints use it. */
export const RAW_EVENT_STORE = Symbol('RawEventStore');
/** Per-subject keys of crypto-shredding (`<dataDir>/keys.sqlite`), when the service declares personal data. */
export const KEY_STORE = Symbol('KeyStore');
export const MONGO = Symbol('MongoConnection');
export const CLOCK = Symbol('Clock');
