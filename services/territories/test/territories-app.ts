import { InProcessService, startInProcess } from '@opn/service-testing';
import { TerritoriesModule } from '../src/territories.module';

export type TestTerritories = InProcessService;

/**
 * The whole territories service in-process, against the real Kafka broker and FerretDB the jest
 * global setup started, with its own event store file and database. It verifies tokens with
 * JWT_PUBLIC_KEY (see test/support/network.ts, which starts identity and relations beside it).
 */
export const startTerritories = (env: Record<string, string> = {}, options: { clock?: () => Date } = {}): Promise<TestTerritories> =>
  startInProcess('territories', TerritoriesModule, { env, clock: options.clock });
