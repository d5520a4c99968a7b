export * from './collectives.contracts';
