export * from './relations.contracts';
