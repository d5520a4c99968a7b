export * from './errors';
export * from './event';
export * from './event-store';
export * from './decider';
export * from './handle-command';
export * from './uuid';
export * from './retry';
export * from './correlation';
