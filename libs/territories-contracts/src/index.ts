export * from './territories.contracts';
