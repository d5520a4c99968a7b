export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-key-store';
export * from './polling-subscription';
export * from './event-store.factory';
