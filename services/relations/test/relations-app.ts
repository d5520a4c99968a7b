import { InProcessService, startInProcess } from '@opn/service-testing';
import { RelationsModule } from '../src/relations.module';

export type TestRelations = InProcessService;

/**
 * The whole relations service in-process, against the real Kafka broker and FerretDB the jest
 * global setup started, with its own event store file and database. It verifies tokens with
 * JWT_PUBLIC_KEY, so the caller sets identity's key pair in the environment first (see
 * test/support/network.ts, which starts identity beside it). `clock` moves relations' time.
 */
export const startRelations = (env: Record<string, string> = {}, options: { clock?: () => Date } = {}): Promise<TestRelations> =>
  startInProcess('relations', RelationsModule, { env, clock: options.clock });
