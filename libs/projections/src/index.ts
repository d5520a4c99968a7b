export * from './projection';
export * from './progress';
export * from './mongo-projector';
export * from './local-projection-runner';
export * from './processed-events';
