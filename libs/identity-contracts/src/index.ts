export * from './identity.contracts';
