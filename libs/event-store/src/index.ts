export * from './sqlite/sqlite-event-store';
export * from './polling-subscription';
export * from './event-store.factory';
