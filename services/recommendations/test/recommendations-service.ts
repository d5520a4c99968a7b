// The recommendations declaration for system tests under test/ (the one way they may reach a service),
// and its network mirror and derived graphs, for the rebuild test and the benchmark.
export { recommendationsService, type RecommendationsConfig } from '../src/recommendations.service';
export { NetworkIndex } from '../src/read-models/network/network.index';
export { NetworkSnapshots } from '../src/read-models/network/network.snapshots';
export { buildCompanyNetwork } from '../src/read-models/network/network.snapshot';
export { IntroductionExpiry } from '../src/features/introductions/introduction-expiry';
