import { Body, Controller, Get, INestApplication, Inject, Injectable, Module, Param, Post, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IntegrationEvent, defineContract } from '@opn/contracts';
import { IllegalStateError, commandHandler, newId } from '@opn/kernel';
import { ensureTopics, toKafkaMessage } from '@opn/messaging';
import { integrationProjection, on } from '@opn/projections';
import { SqliteEventStore } from '@opn/event-store';
import { connectTestDatabase, eventually, shopProjection, readTopic, testInfra } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { configureHttpApp } from './bootstrap';
import { CommandContext, PublicCtx } from './commands/command-context';
import { Commands } from './commands/commands';
import { env } from './config/config';
import { KafkaMirror } from './integration/kafka-mirror';
import { runRebuildCli } from './rebuild-cli';
import { defineService } from './service-definition';
import { ServiceKitModule } from './service-kit.module';
import { MONGO, SERVICE_CONFIG } from './tokens';

/** A service's app in-process against the test Kafka and FerretDB, with its own data dir and database. */
async function startKitApp(module: Type<unknown>, service: string, env: Record<string, string> = {}) {
  const { kafkaBrokers, mongoUrl } = testInfra();
  const dataDir = mkdtempSync(join(tmpdir(), `opn-${service}-`));
  const NAME = service.toUpperCase();
  Object.assign(process.env, {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URL: mongoUrl,
    [`${NAME}_DATA_DIR`]: dataDir,
    [`${NAME}_MONGODB_DB`]: `${service}_${randomBytes(4).toString('hex')}`,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttpApp(app, { title: service, description: 'test' });
  await app.init();
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another service's public event (`<prefix>.Listed.v1`) on a topic of this test run. */
const listedContract = (prefix: string) =>
  defineContract<{ name: string }>()({
    type: `${prefix}.Listed`,
    version: 1,
    topic: `kit-test-${prefix}-${randomBytes(4).toString('hex')}.listing`,
    description: 'test: a listing published by another service',
    schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, additionalProperties: false },
  });

/** Publishes `[subject, name]` listings as that service's relay would, positions 1, 2, ... */
async function publishListings(contract: ReturnType<typeof listedContract>, listings: Array<[string, string]>) {
  const kafka = new Kafka({ clientId: 'kit-test-producer', brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, [contract.topic], { partitions: 1, replicationFactor: 1 });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const events = listings.map(
    ([subject, name], i): IntegrationEvent => ({
      id: newId(),
      type: contract.type,
      version: 1,
      source: contract.type.split('.')[0],
      subject,
      position: i + 1,
      occurredAt: new Date().toISOString(),
      data: { name },
    }),
  );
  await producer.send({ topic: contract.topic, acks: -1, messages: events.map(toKafkaMessage) });
  await producer.disconnect();
}

// A service-shaped module of a few lines, declared to the kit: what a new service writes.
type ShopEvent = { type: 'ShopOpened'; data: { name: string } } | { type: 'ShopVisited'; data: { at: string } };
type ShopCommand = { type: 'OpenShop'; data: { name: string } } | { type: 'VisitShop'; data: { now: string } };
const shops = commandHandler<{ open: boolean }, ShopCommand, ShopEvent>(
  {
    initialState: () => ({ open: false }),
    evolve: (_state, e) => (e.type === 'ShopOpened' ? { open: true } : { open: true }),
    decide: (c, s) => {
      if (c.type === 'OpenShop') {
        if (s.open) throw new IllegalStateError('already open');
        return { type: 'ShopOpened', data: { name: c.data.name } };
      }
      if (!s.open) throw new IllegalStateError('not open');
      return { type: 'ShopVisited', data: { at: c.data.now } };
    },
  },
  (id) => `shop-${id}`,
);
const topic = `kit-test-${randomBytes(4).toString('hex')}.shop`;
const shopService = defineService({
  name: 'shopkit',
  title: 'shops',
  description: 'a test service',
  defaultPort: 0,
  config: { greeting: env.string('SHOPKIT_GREETING', { default: 'bonjour', description: 'a service-specific variable' }) },
  projections: [{ ...shopProjection, documentId: (e) => e.subject.replace(/^shop-/, '') }],
  outbound: {
    topics: [topic],
    map: (e) =>
      e.type === 'ShopOpened'
        ? { topic, event: { id: e.id, type: 'shopkit.ShopOpened', version: 1, source: 'shopkit', subject: e.streamId, position: e.position, occurredAt: e.occurredAt.toISOString(), correlationId: e.correlationId, data: e.data } }
        : null,
  },
});

@Injectable()
class ShopsHandler {
  constructor(
    private readonly commands: Commands,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}
  open(id: string, name: string, ctx: CommandContext) {
    return this.commands.handle(shops, id, { type: 'OpenShop', data: { name } }, ctx);
  }
  visit(id: string, ctx: CommandContext) {
    return this.commands.handle(shops, id, { type: 'VisitShop', data: { now: ctx.now } }, ctx, { ifMatch: true });
  }
  get(id: string) {
    return this.mongo.collection('shops').findOne({ _id: id } as never);
  }
}

@Controller('shops')
class ShopsController {
  constructor(
    private readonly shops: ShopsHandler,
    @Inject(SERVICE_CONFIG) private readonly config: { greeting: string },
  ) {}
  @Post(':id')
  async open(@Param('id') id: string, @Body() body: { name: string }, @PublicCtx() ctx: CommandContext) {
    const r = await this.shops.open(id, body.name, ctx);
    return { revision: r.revision, replayed: r.replayed, greeting: this.config.greeting };
  }
  @Post(':id/visits')
  async visit(@Param('id') id: string, @PublicCtx() ctx: CommandContext) {
    return { revision: (await this.shops.visit(id, ctx)).revision };
  }
  @Get(':id')
  get(@Param('id') id: string) {
    return this.shops.get(id);
  }
}

@Module({ imports: [ServiceKitModule.forService(shopService)], controllers: [ShopsController], providers: [ShopsHandler] })
class ShopModule {}

describe('a service declared to the kit', () => {
  const { kafkaBrokers } = testInfra();
  let app: INestApplication;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await startKitApp(ShopModule, 'shopkit', { SHOPKIT_GREETING: 'salut' }));
  });
  afterAll(() => close?.());

  it('gets its configuration, a command path with read-your-writes, the relay and health from one declaration', async () => {
    const http = () => request(app.getHttpServer());
    const id = newId();
    const opened = await http().post(`/shops/${id}`).set('x-correlation-id', 'kit-test-correlation').send({ name: 'Boulangerie' }).expect(201);
    expect(opened.body).toEqual({ revision: 0, replayed: false, greeting: 'salut' });
    // The read model already includes the command when it answers.
    expect((await http().get(`/shops/${id}`).expect(200)).body).toMatchObject({ name: 'Boulangerie', visits: 0 });
    await http().post(`/shops/${id}/visits`).set('if-match', '"0"').expect(201);
    expect((await http().get(`/shops/${id}`).expect(200)).body).toMatchObject({ visits: 1 });
    // If-Match on a stale revision: 412, nothing written.
    await http().post(`/shops/${id}/visits`).set('if-match', '"0"').expect(412);
    // Idempotency-Key: the retry has no second effect.
    const other = newId();
    const first = await http().post(`/shops/${other}`).set('idempotency-key', 'retry-me-123').send({ name: 'Primeur' }).expect(201);
    const again = await http().post(`/shops/${other}`).set('idempotency-key', 'retry-me-123').send({ name: 'Primeur' }).expect(201);
    expect([first.body.replayed, again.body.replayed]).toEqual([false, true]);
    // The relay published the public event, with the request's correlation id.
    const messages = await readTopic(kafkaBrokers, topic, (m) => m.length >= 2);
    expect(messages.map((m) => (m.value as { subject: string; correlationId?: string }).subject).sort()).toEqual([`shop-${id}`, `shop-${other}`].sort());
    expect(messages.find((m) => m.key === `shop-${id}`)?.value).toMatchObject({ correlationId: 'kit-test-correlation', type: 'shopkit.ShopOpened' });
    // Health: liveness, readiness with every check.
    await http().get('/health/live').expect(200, { status: 'ok' });
    const health = await http().get('/health').expect(200);
    expect(health.body.status).toBe('ok');
    expect(Object.keys(health.body.checks).sort()).toEqual(['eventStore', 'kafkaRelay', 'mongodb', 'projections']);
    // Errors are the kit's machine-readable body.
    const refused = await http().post(`/shops/${id}`).send({ name: 'again' }).expect(409);
    expect(refused.body).toEqual({ error: { code: 'illegal_state', message: 'already open', status: 409 } });
  });
});

// A service whose read model is fed by another service's events over Kafka: the kit consumes,
// reports the group's lag and counters in /metrics and its consumers in /health.
const Listed = listedContract('alpha');
const directoryService = defineService({
  name: 'dirkit',
  title: 'directory',
  description: 'a test service fed by Kafka',
  defaultPort: 0,
  config: {},
  projections: [],
  kafkaReadModels: [integrationProjection<{ name: string }>({ name: 'test.listings', collection: 'listings', handlers: [on(Listed, (_doc, data) => ({ name: data.name }))] })],
});

@Module({ imports: [ServiceKitModule.forService(directoryService)] })
class DirectoryModule {}

describe('a service declared with Kafka-fed read models', () => {
  let app: INestApplication;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await startKitApp(DirectoryModule, 'dirkit'));
  });
  afterAll(() => close?.());

  it('builds the read model from the topic and reports the group in /metrics and /health', async () => {
    await publishListings(Listed, [
      ['l1', 'one'],
      ['l2', 'two'],
    ]);
    const mongo = app.get<Connection>(MONGO);
    await eventually(async () => (await mongo.collection('listings').countDocuments({})) === 2, { what: 'two listings', timeoutMs: 30000 });
    const http = () => request(app.getHttpServer());
    const metrics = await eventually(async () => {
      const text = (await http().get('/metrics').expect(200)).text;
      return /consumer_lag_messages\{[^}]*group="dirkit\.read-models"[^}]*\} 0/.test(text) ? text : undefined;
    }, { what: 'the group lag at 0 in /metrics', timeoutMs: 20000 });
    expect(metrics).toMatch(/consumer_handled_events_total\{[^}]*group="dirkit\.read-models"[^}]*\} 2/);
    expect(metrics).not.toMatch(/group="dirkit\.handlers"/); // no handlers declared: no series for them
    const health = await http().get('/health').expect(200);
    expect(health.body.checks.kafkaConsumers).toMatchObject({ state: 'ok', details: { lag: [{ groupId: 'dirkit.read-models', total: 0 }] } });
  });
});

// A memory index over a Kafka-fed read model (`kafkaMirrors`): told every document the runner
// writes, and loaded from MongoDB at the next start before the runner consumes anything.
const MirrorListed = listedContract('gamma');
const mirroredListings = integrationProjection<{ name: string }>({ name: 'test.mirrored', collection: 'mirrored', handlers: [on(MirrorListed, (_doc, data) => ({ name: data.name }))] });

@Injectable()
class ListingNames extends KafkaMirror {
  readonly projections = [mirroredListings];
  readonly names = new Map<string, string>();
  protected changed(_projection: string, id: string, document: object | null): void {
    if (document) this.names.set(id, (document as { name: string }).name);
    else this.names.delete(id);
  }
}

const mirrorService = defineService({
  name: 'mirrorkit',
  title: 'mirror',
  description: 'a test service with a Kafka mirror',
  defaultPort: 0,
  config: {},
  projections: [],
  kafkaReadModels: [mirroredListings],
  kafkaMirrors: [ListingNames],
});

@Module({ imports: [ServiceKitModule.forService(mirrorService)] })
class MirrorModule {}

describe('a service declared with a Kafka mirror', () => {
  it('mirrors each document the runner writes, and at the next start loads them all from MongoDB before consuming', async () => {
    const db = `mirrorkit_${randomBytes(4).toString('hex')}`;
    const first = await startKitApp(MirrorModule, 'mirrorkit', { MIRRORKIT_MONGODB_DB: db });
    try {
      const mirror = first.app.get(ListingNames);
      await eventually(async () => mirror.loaded, { what: 'the mirror to load', timeoutMs: 30000 });
      await publishListings(MirrorListed, [
        ['m1', 'one'],
        ['m2', 'two'],
      ]);
      await eventually(async () => mirror.names.size === 2, { what: 'two mirrored listings', timeoutMs: 30000 });
      expect(Object.fromEntries(mirror.names)).toEqual({ m1: 'one', m2: 'two' });
    } finally {
      await first.close();
    }
    const second = await startKitApp(MirrorModule, 'mirrorkit', { MIRRORKIT_MONGODB_DB: db });
    try {
      const mirror = second.app.get(ListingNames);
      await eventually(async () => mirror.loaded, { what: 'the mirror to load again', timeoutMs: 30000 });
      // Nothing new on the topic: what it holds came from MongoDB.
      expect(Object.fromEntries(mirror.names)).toEqual({ m1: 'one', m2: 'two' });
      await publishListings(MirrorListed, [['m3', 'three']]);
      await eventually(async () => mirror.names.get('m3') === 'three', { what: 'the new listing', timeoutMs: 30000 });
    } finally {
      await second.close();
    }
  });
});

// The kit's rebuild CLI (`npm run rebuild -- <service>`) on a service with both kinds of read model.
const ListedElsewhere = listedContract('beta');
const rebuildService = defineService({
  name: `rebuildcli${randomBytes(4).toString('hex')}`,
  title: 'rebuild test',
  description: 'a service with a log-fed and a Kafka-fed read model',
  defaultPort: 0,
  config: {},
  projections: [{ ...shopProjection, name: 'test.shops' }],
  kafkaReadModels: [
    integrationProjection<{ name: string; applied: number }>({
      name: 'test.listings',
      collection: 'listings',
      handlers: [on(ListedElsewhere, (doc, data) => ({ name: data.name, applied: (doc?.applied ?? 0) + 1 }))],
    }),
  ],
});

describe("the kit's rebuild CLI (npm run rebuild -- <service>)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opn-rebuild-cli-'));
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  const run = async (args: string[]) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => (text += String(chunk)));
    const code = await runRebuildCli(rebuildService, args, out as unknown as NodeJS.WriteStream);
    return { code, text };
  };

  beforeAll(async () => {
    db = await connectTestDatabase('rebuild_cli');
    const NAME = rebuildService.name.toUpperCase();
    Object.assign(process.env, { [`${NAME}_DATA_DIR`]: dataDir, [`${NAME}_MONGODB_DB`]: db.connection.name, KAFKA_BROKERS: testInfra().kafkaBrokers.join(',') });
    // The service's own log: two shops, one renamed, one closed.
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    await store.appendToStream('shop-a', [{ type: 'ShopOpened', data: { name: 'Boulangerie' } }, { type: 'ShopRenamed', data: { name: 'Boulangerie Martin' } }]);
    await store.appendToStream('shop-b', [{ type: 'ShopOpened', data: { name: 'Primeur' } }, { type: 'ShopClosed', data: {} }]);
    await store.close();
    // Another service's topic: three listings of two subjects.
    await publishListings(ListedElsewhere, [
      ['l1', 'one'],
      ['l2', 'two'],
      ['l1', 'one again'],
    ]);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an unknown read model with the list of the service', async () => {
    const { code, text } = await run(['test.nothing']);
    expect(code).toBe(2);
    expect(text).toContain(`unknown projection(s) of ${rebuildService.name}: test.nothing`);
    expect(text).toContain('available: test.shops, test.listings');
  });

  it('replays the log into the local read models and the topics into the Kafka-fed ones, with progress, twice to the same result', async () => {
    for (let round = 0; round < 2; round++) {
      const { code, text } = await run([]);
      expect(code).toBe(0);
      expect(text).toMatch(/test\.shops \[#+\] 100% 4 events/);
      expect(text).toContain('test.shops: 4 events replayed');
      expect(text).toMatch(/test\.listings \[#+\] 100%/);
      expect(text).toContain('test.listings: 3 messages replayed from the topics');
      const shops = await db.connection.collection('shops').find({}, { projection: { _id: 1, name: 1, visits: 1 } }).toArray();
      expect(shops).toEqual([{ _id: 'shop-a', name: 'Boulangerie Martin', visits: 0 }]);
      const docs = await db.connection.collection('listings').find({}, { projection: { _id: 1, name: 1, applied: 1 } }).sort({ _id: 1 }).toArray();
      expect(docs).toEqual([
        { _id: 'l1', name: 'one again', applied: 2 },
        { _id: 'l2', name: 'two', applied: 1 },
      ]);
    }
  });
});
