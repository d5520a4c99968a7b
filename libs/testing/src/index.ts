export * from './decider-spec';
export * from './infra-env';
