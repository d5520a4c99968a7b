export * from './projection';
export * from './progress';
export * from './mongo-projector';
export * from './local-projection-runner';
export * from './processed-events';
export * from './integration-projection';
export * from './integration-projector';
export * from './kafka-projection-runner';
