export * from './tokens';
export * from './auth.guard';
