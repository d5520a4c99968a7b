export * from './recommendations.contracts';
