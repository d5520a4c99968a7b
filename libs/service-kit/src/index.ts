export * from './domain-exception.filter';
export * from './validation';
export * from './bootstrap';
export * from './pagination';
export * from './health';
export * from './request-meta';
export * from './integration';
