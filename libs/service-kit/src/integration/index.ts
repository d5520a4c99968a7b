export * from './on-integration-event.decorator';
export * from './integration.options';
export * from './integration-events.host';
export * from './integration.module';
export * from './kafka-mirror';
