import { InProcessService, startInProcess } from '@opn/service-testing';
import { RecommendationsModule } from '../src/recommendations.module';

export type TestRecommendations = InProcessService;

/**
 * The whole recommendations service in-process, against the real Kafka broker and FerretDB the
 * jest global setup started, with its own event store file and database. It verifies tokens with
 * JWT_PUBLIC_KEY (see test/support/network.ts, which starts the other services beside it).
 */
export const startRecommendations = (env: Record<string, string> = {}, options: { clock?: () => Date } = {}): Promise<TestRecommendations> =>
  startInProcess('recommendations', RecommendationsModule, { env, clock: options.clock });
