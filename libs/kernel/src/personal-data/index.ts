export * from './personal-data-policy';
export * from './key-store';
export * from './personal-data-cipher';
export * from './personal-data-event-store';
export * from './keyed-hash';
