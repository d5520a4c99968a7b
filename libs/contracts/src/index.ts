export * from './envelope';
export * from './contract';
