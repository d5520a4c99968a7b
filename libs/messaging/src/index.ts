export * from './kafka-config';
export * from './kafka-message';
export * from './kafka-relay';
export * from './event-consumer';
export * from './messaging-logger';
export * from './consumer-lag';
export * from './consumer-group-offsets';
