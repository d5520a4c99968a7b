export * from './redact';
export * from './logger';
export * from './metrics';
export * from './instrumented-event-store';
export * from './http-observability';
export * from './metrics.controller';
export * from './observability.module';
