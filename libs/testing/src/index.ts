export * from './decider-spec';
export * from './infra-env';
export * from './mongo';
export * from './wait';
export * from './kafka';
export * from './shop-projection';
export * from './sweeps';
export * from './projection-spec';
