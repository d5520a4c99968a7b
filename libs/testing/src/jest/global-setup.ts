// Relative import: jest's moduleNameMapper does not apply to globalSetup modules.
// eslint-disable-next-line @nx/enforce-module-boundaries -- jest resolves globalSetup without the @opn/* aliases
import { startInfra } from '../../../infra/src';
import { getInfraHandle, setInfraHandle } from './infra-handle';

/**
 * Starts Kafka (1 broker) and FerretDB once for the int/e2e tier, or reuses the servers named by
 * KAFKA_BROKERS / MONGODB_URL, and publishes their addresses to the test workers through those
 * same env vars (workers are forked after globalSetup and inherit process.env).
 * OPN_INFRA_KEEP_DATA=1 keeps the run's logs and storage under .infra/.
 */
export default async function globalSetup(): Promise<void> {
  if (getInfraHandle()) return; // watch mode re-runs
  const infra = await startInfra({ brokers: 1, keepData: process.env.OPN_INFRA_KEEP_DATA === '1' });
  setInfraHandle(infra);
  process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
  process.env.MONGODB_URL = infra.mongoUrl;
}
