export { startInfra, installInfra } from './launcher';
export type { Infra, InfraOptions } from './launcher';
export { startKafkaCluster, installKafka, waitForKafka, renderServerProperties, randomClusterId, KAFKA_VERSION } from './kafka';
export type { KafkaCluster, KafkaClusterOptions, KafkaNode, WaitForKafkaOptions } from './kafka';
export { startFerretDb, installFerretDb, waitForMongo, FERRETDB_VERSION } from './ferretdb';
export type { FerretDb, FerretDbOptions } from './ferretdb';
export { freePort, freePorts, canConnect } from './ports';
export { repoRoot, cacheRoot } from './paths';
