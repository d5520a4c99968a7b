// @opn/network-metrics: openness metrics of a company graph (E-I index over groups, Burt's
// constraint and effective size), CSV input and the offline command's logic. Pure: no I/O here;
// tools/network.ts reads the files and prints.
export * from './errors';
export * from './graph';
export * from './openness';
export * from './csv';
export * from './cli';
export * from './privacy';
