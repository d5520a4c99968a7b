// @opn/recommender: the recommendation engine, pure and shared by the recommendations service and
// the offline `npm run -s reco` command: link recommendations (learned, accurate or bridging) and
// their evaluation. No I/O here; tools/reco.ts reads the files and prints.
export * from './random';
export * from './links/features';
export * from './links/ranking-model';
export * from './links/scorers';
export * from './links/links';
export * from './links/evaluate';
export * from './links/explain';
export * from './links/weaving';
export * from './search/thesaurus';
export * from './search/analysis';
export * from './search/partner-index';
export * from './search/jsonl';
export * from './cli';
export * from './paths/warm-paths';
