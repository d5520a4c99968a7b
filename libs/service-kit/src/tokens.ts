/** Nest injection tokens of what the kit provides that is not a class (one file, one meaning: DI tokens). */
export const SERVICE_DEFINITION = Symbol('ServiceDefinition');
/** The service's whole validated configuration: the kit's variables and its own. */
export const SERVICE_CONFIG = Symbol('ServiceConfig');
export const EVENT_STORE = Symbol('EventStore');
export const MONGO = Symbol('MongoConnection');
export const CLOCK = Symbol('Clock');
