import { InProcessService, startInProcess } from '@opn/service-testing';
import { CollectivesModule } from '../src/collectives.module';

export type TestCollectives = InProcessService;

/**
 * The whole collectives service in-process, against the real Kafka broker and FerretDB the jest
 * global setup started, with its own event store file and database. It verifies tokens with
 * JWT_PUBLIC_KEY (see test/support/network.ts, which starts identity and relations beside it).
 */
export const startCollectives = (env: Record<string, string> = {}, options: { clock?: () => Date } = {}): Promise<TestCollectives> =>
  startInProcess('collectives', CollectivesModule, { env, clock: options.clock });
