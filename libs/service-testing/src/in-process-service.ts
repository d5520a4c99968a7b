import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CLOCK, LOG_DESTINATION, SERVICE_DEFINITION, ServiceDefinition, configureHttpApp } from '@opn/service-kit';
import { testInfra } from '@opn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';

/** A service running in the test process, as its e2e tests and the sweeps drive it. */
export interface InProcessService {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  mongoDb: string;
  close: () => Promise<void>;
}

export interface InProcessOptions {
  /** More environment variables (the service's own, or overrides of the ones set here). */
  env?: Record<string, string>;
  /** Where log lines go (with a LOG_LEVEL in `env`); default: nowhere. */
  logDestination?: DestinationStream;
  /** The service's clock (requests' `now`, timers that read it), for tests that move time. */
  clock?: () => Date;
}

/**
 * A whole service (its root module, declared to the kit) in-process, against the real Kafka
 * broker and FerretDB that jest's global setup started, with its own event store directory and
 * database: `<NAME>_DATA_DIR`, `<NAME>_MONGODB_DB` and the infrastructure addresses are set in
 * the environment before the module compiles (the kit reads its configuration from there).
 */
export async function startInProcess(service: string, root: Type, options: InProcessOptions = {}): Promise<InProcessService> {
  const { kafkaBrokers, mongoUrl } = testInfra();
  const NAME = service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const dataDir = mkdtempSync(join(tmpdir(), `opn-${service}-`));
  const mongoDb = `${service}_${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URL: mongoUrl,
    [`${NAME}_DATA_DIR`]: dataDir,
    [`${NAME}_MONGODB_DB`]: mongoDb,
    // Log lines only where a test collects them (options.logDestination with a LOG_LEVEL).
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  let builder = Test.createTestingModule({ imports: [root] }).overrideProvider(LOG_DESTINATION).useValue(options.logDestination ?? null);
  if (options.clock) builder = builder.overrideProvider(CLOCK).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  const definition = moduleRef.get<ServiceDefinition>(SERVICE_DEFINITION, { strict: false });
  configureHttpApp(app, { title: service, description: 'test', largeBodies: definition.largeBodies });
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    dataDir,
    mongoDb,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
