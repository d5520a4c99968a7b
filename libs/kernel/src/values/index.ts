// Value checks every service's deciders share: each throws a ValidationError naming its field,
// and validateFields collects every bad field of a command into one error.
export * from './validation';
export * from './time';
export * from './email';
export * from './tags';
export * from './siren';
export * from './naf';
export * from './size-band';
export * from './dates';
