import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { LOG_DESTINATION, configureHttpApp } from '@opn/service-kit';
import { testInfra } from '@opn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { IdentityModule } from '../src/identity.module';

export interface TestIdentity {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  mongoDb: string;
  close: () => Promise<void>;
}

/**
 * The whole identity service in-process, against the real Kafka broker and FerretDB the jest
 * global setup started, with its own event store file and database.
 */
export async function startIdentity(env: Record<string, string> = {}, options: { logDestination?: DestinationStream } = {}): Promise<TestIdentity> {
  const { kafkaBrokers, mongoUrl } = testInfra();
  const dataDir = mkdtempSync(join(tmpdir(), 'opn-identity-'));
  const mongoDb = `identity_${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URL: mongoUrl,
    IDENTITY_DATA_DIR: dataDir,
    IDENTITY_MONGODB_DB: mongoDb,
    // Log lines only where a test collects them (options.logDestination with a LOG_LEVEL).
    LOG_LEVEL: 'silent',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [IdentityModule] })
    .overrideProvider(LOG_DESTINATION)
    .useValue(options.logDestination ?? null)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttpApp(app, { title: 'identity', description: 'test' });
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

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@example.fr`;

/** Valid SIRENs (Luhn) generated on demand, so every test company is new. */
export function uniqueSiren(): string {
  for (;;) {
    const base = String(100000000 + Math.floor(Math.random() * 899999999)).slice(0, 8);
    for (let check = 0; check <= 9; check++) {
      const candidate = base + check;
      const sum = candidate
        .split('')
        .map(Number)
        .reduce((acc, d, i) => {
          let v = i % 2 === 1 ? d * 2 : d;
          if (v > 9) v -= 9;
          return acc + v;
        }, 0);
      if (sum % 10 === 0) return candidate;
    }
  }
}

export const companyBody = (over: Record<string, unknown> = {}) => ({
  legalName: 'Atelier Dupont',
  siren: uniqueSiren(),
  nafCode: '25.62B',
  sizeBand: '10-49',
  address: { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon', country: 'FR' },
  coordinates: { lat: 45.764, lon: 4.8357 },
  description: 'Usinage de précision',
  capabilities: ['Usinage CNC', 'soudure'],
  offers: ['sous-traitance'],
  ...over,
});

export async function signUp(t: TestIdentity, email = uniqueEmail(), displayName = 'Ada Lovelace') {
  const res = await t.http().post('/auth/sign-up').send({ email, password: 'correct horse battery staple', displayName }).expect(201);
  return { email, personId: res.body.personId as string, token: res.body.accessToken as string, refreshToken: res.body.refreshToken as string };
}
