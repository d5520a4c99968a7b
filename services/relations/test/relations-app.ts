import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CLOCK, LOG_DESTINATION, configureHttpApp } from '@opn/service-kit';
import { testInfra } from '@opn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { RelationsModule } from '../src/relations.module';

export interface TestRelations {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  mongoDb: string;
  close: () => Promise<void>;
}

/**
 * The whole relations service in-process, against the real Kafka broker and FerretDB the jest
 * global setup started, with its own event store file and database. It verifies tokens with
 * JWT_PUBLIC_KEY, so the caller sets identity's key pair in the environment first (see
 * test/support/network.ts, which starts identity beside it).
 */
export async function startRelations(env: Record<string, string> = {}, options: { clock?: () => Date } = {}): Promise<TestRelations> {
  const { kafkaBrokers, mongoUrl } = testInfra();
  const dataDir = mkdtempSync(join(tmpdir(), 'opn-relations-'));
  const mongoDb = `relations_${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URL: mongoUrl,
    RELATIONS_DATA_DIR: dataDir,
    RELATIONS_MONGODB_DB: mongoDb,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [RelationsModule] })
    .overrideProvider(LOG_DESTINATION)
    .useValue(null)
    // The service's clock (requests' `now`, the need expiry), when a test moves time.
    .overrideProvider(CLOCK)
    .useValue(options.clock ?? (() => new Date()))
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttpApp(app, { title: 'relations', description: 'test' });
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
