import { Injectable, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IntegrationEvent, defineContract } from '@opn/contracts';
import { newId } from '@opn/kernel';
import { DeadLetterRecord, PoisonMessageError, ensureTopics, toKafkaMessage } from '@opn/messaging';
import { integrationProjection, on } from '@opn/projections';
import { connectTestDatabase, eventually, testInfra } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { IntegrationEventsHost } from './integration-events.host';
import { IntegrationModule } from './integration.module';
import { OnIntegrationEvent } from './on-integration-event.decorator';

const suffix = newId().slice(-12);
const topic = `test.partners-${suffix}`;
const PartnerJoinedV1 = defineContract<{ name: string }>()({
  type: 'partners.PartnerJoined',
  version: 1,
  topic,
  description: 'test: a partner joined',
  schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } }, additionalProperties: false },
});
const PartnerJoinedV2 = defineContract<{ name: string; city: string }>()({
  type: 'partners.PartnerJoined',
  version: 2,
  topic,
  description: 'test: a partner joined, with its city',
  schema: { type: 'object', required: ['name', 'city'], properties: { name: { type: 'string' }, city: { type: 'string' } }, additionalProperties: false },
});

const received: string[] = [];

@Injectable()
class WelcomeMailer {
  @OnIntegrationEvent(PartnerJoinedV1)
  @OnIntegrationEvent(PartnerJoinedV2)
  async welcome(data: { name: string; city?: string }, event: IntegrationEvent) {
    if (data.name === 'nobody') throw new PoisonMessageError('no such partner');
    received.push(`${data.name}${data.city ? ` (${data.city})` : ''} v${event.version}`);
  }
}

const partnerNames = integrationProjection<{ name: string }>({
  name: 'partner-names',
  collection: 'partner_names',
  handlers: [on(PartnerJoinedV1, (_doc, data) => ({ name: data.name })), on(PartnerJoinedV2, (_doc, data) => ({ name: data.name }))],
});

const joined = (version: 1 | 2, data: object): IntegrationEvent => ({
  id: newId(),
  type: 'partners.PartnerJoined',
  version,
  source: 'partners',
  subject: newId(),
  position: 1,
  occurredAt: new Date().toISOString(),
  data,
});

describe('@OnIntegrationEvent handlers and Kafka-fed read models in a Nest application', () => {
  const { kafkaBrokers } = testInfra();
  const client = new Kafka({ clientId: 'integration-module-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
  const deadLetters: DeadLetterRecord[] = [];
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  let app: INestApplicationContext;
  let closed = false;
  const service = `test-${suffix}`;

  beforeAll(async () => {
    db = await connectTestDatabase('integration_module');
    await ensureTopics(client, [topic], { partitions: 1, replicationFactor: 1 });
    await producer.connect();
    const moduleRef = await Test.createTestingModule({
      imports: [
        IntegrationModule.forRootAsync({
          useFactory: () => ({
            service,
            kafka: { clientId: service, brokers: kafkaBrokers, partitions: 1, replicationFactor: 1 },
            connection: db.connection,
            projections: [partnerNames],
            backoff: { initialMs: 10, maxMs: 50 },
            onDeadLetter: (r) => deadLetters.push(r),
          }),
        }),
      ],
      providers: [WelcomeMailer],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    if (!closed) await app?.close();
    await producer.disconnect();
    await db.close();
  });

  it('discovers the decorated method and delivers both versions through the real broker', async () => {
    const host = app.get(IntegrationEventsHost);
    expect(host.handledEvents()).toEqual(['partners.PartnerJoined.v1', 'partners.PartnerJoined.v2']);
    const ada = joined(1, { name: 'Ada' });
    await producer.send({
      topic,
      acks: -1,
      messages: [ada, joined(2, { name: 'Grace', city: 'Lyon' }), ada, joined(1, { name: '' }), joined(1, { name: 'nobody' }), joined(1, { name: 'Last' })].map(toKafkaMessage),
    });
    // The '' name breaks the v1 schema: dead-lettered by both groups, never seen by the handler.
    await eventually(() => received.length === 3 && deadLetters.length === 3, { what: 'three handled, three dead letters' });
    expect(received).toEqual(['Ada v1', 'Grace (Lyon) v2', 'Last v1']);
    expect(deadLetters.map((d) => `${d.reason}/${d.attempts}`).sort()).toEqual([
      'poison/0', // handlers group: breaks the contract
      'poison/0', // read-models group: the same
      'poison/1', // 'nobody': the handler said no retry can fix it
    ]);
    const status = host.status();
    expect(status.handlers).toMatchObject({ groupId: `${service}.handlers`, topics: [topic], duplicates: 1 });
    expect(status.readModels).toMatchObject({ groupId: `${service}.read-models`, projections: ['partner-names'] });
  });

  it('runs the declared read model in its own group and reports the lag of both groups', async () => {
    const host = app.get(IntegrationEventsHost);
    await eventually(async () => (await db.connection.collection('partner_names').countDocuments({})) === 4, { what: 'four partner names' });
    await eventually(async () => (await host.lag()).every((g) => g.total === 0), { what: 'both groups caught up' });
    expect((await host.lag()).map((g) => g.groupId)).toEqual([`${service}.handlers`, `${service}.read-models`]);
  });

  it('stops both groups when the application closes', async () => {
    const host = app.get(IntegrationEventsHost);
    await app.close();
    closed = true;
    expect(host.status().handlers?.running).toBe(false);
    expect(host.status().readModels?.running).toBe(false);
    // Both groups left: a rebuild (which needs an empty group) is now allowed.
    const admin = client.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([`${service}.handlers`, `${service}.read-models`]);
    await admin.disconnect();
    expect(groups.map((g) => g.members.length)).toEqual([0, 0]);
  });
});
