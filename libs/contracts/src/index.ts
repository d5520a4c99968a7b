export * from './envelope';
export * from './contract';
export * from './catalogue';
