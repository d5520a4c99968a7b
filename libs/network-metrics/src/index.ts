// @opn/network-metrics: openness metrics of a company graph (E-I index over groups, Burt's
// constraint and effective size, Louvain communities and closed clusters, brokers between groups),
// GEXF/GraphML export, small-cell suppression of published aggregates, CSV input and the offline
// command's logic. Pure: no I/O here; tools/network.ts reads the files and prints.
export * from './errors';
export * from './graph';
export { edgeWeights } from './internal';
export * from './openness';
export * from './communities';
export * from './brokers';
export * from './export';
export * from './csv';
export * from './cli';
export * from './privacy';
