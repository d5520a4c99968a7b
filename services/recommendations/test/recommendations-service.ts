// The recommendations declaration for system tests under test/ (the one way they may reach a service),
// and its network mirror, for the test that rebuilds the Kafka-fed read models from the topics.
export { recommendationsService } from '../src/recommendations.service';
export { NetworkIndex } from '../src/read-models/network/network.index';
export { buildCompanyNetwork } from '../src/read-models/network/network.snapshot';
