import { IntegrationEvent, wireName } from '@opn/contracts';
import { IDENTITY_TOPICS } from '@opn/identity-contracts';
import { newId } from '@opn/kernel';
import { consumerGroupLag, ensureTopics } from '@opn/messaging';
import { fromIntegrationEvent } from '@opn/projections';
import { connectTestDatabase, eventually, testInfra } from '@opn/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { TestIdentity, companyBody, signUp, startIdentity } from '../../services/identity/test/identity-app';
import { PartnerCompany, partnerCompaniesProjection as projection } from '../support/partner-companies.projection';

const root = join(__dirname, '..', '..');
const ROUNDS = 6;
const COMPANIES_PER_ROUND = 50;

interface TopicMessage {
  partition: number;
  offset: number;
  event: IntegrationEvent;
}

/**
 * The real identity service registers and edits companies over HTTP; its relay publishes them on
 * `identity.company`. A service-shaped consumer in a child process (a service declared to the kit
 * with one Kafka-fed companies read model, run by KafkaProjectionRunner) is SIGKILLed while it is
 * consuming, six times, and restarted.
 * At the end its read model must equal the pure fold of the topic, with no event applied twice.
 */
describe('Kafka-fed read model whose consumer is SIGKILLed mid-stream', () => {
  const { kafkaBrokers } = testInfra();
  const topic = IDENTITY_TOPICS.company;
  const service = `test-partners-${newId().slice(-12)}`;
  const groupId = `${service}.read-models`;
  const kafka = new Kafka({ clientId: 'read-model-kill-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  let identity: TestIdentity;
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  let worker: ChildProcess | undefined;
  let workerHandled = 0;
  /** Deliveries skipped as already processed, summed over the worker's lives (redeliveries after a kill). */
  let redelivered = 0;
  let lifeDuplicates = 0;

  const dataDir = mkdtempSync(join(tmpdir(), 'opn-partners-'));

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'ignore' });
    identity = await startIdentity();
    db = await connectTestDatabase('kafka_read_model');
  }, 60000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await identity?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startWorker = () => {
    workerHandled = 0;
    redelivered += lifeDuplicates;
    lifeDuplicates = 0;
    const child = spawn(process.execPath, [join(root, 'dist', 'test', 'reliability', 'read-model-worker.js')], {
      env: { ...process.env, KAFKA_BROKERS: kafkaBrokers.join(','), MONGO_DB: db.connection.name, SERVICE: service, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const status = JSON.parse(line) as { handled: number; duplicates: number };
        workerHandled = status.handled;
        lifeDuplicates = status.duplicates;
      }
    });
    worker = child;
    return child;
  };
  const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

  it('equals the fold of the topic and applies no event twice', async () => {
    // Every message of the topic, read with a plain consumer, in partition order.
    const messages: TopicMessage[] = [];
    await ensureTopics(kafka, [topic], { partitions: 3, replicationFactor: 1 });
    const reader = kafka.consumer({ groupId: `read-model-check-${newId()}` });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ partition, message }) => {
        messages.push({ partition, offset: Number(message.offset), event: JSON.parse(message.value!.toString()) });
      },
    });

    const { token } = await signUp(identity);
    const auth = { Authorization: `Bearer ${token}` };
    const companies: Array<{ id: string; legalName: string }> = [];
    let updates = 0;
    const pool = async <T>(items: T[], run: (item: T) => Promise<void>) => {
      const queue = [...items];
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
      }));
    };
    const round = async (r: number) => {
      const fresh = Array.from({ length: COMPANIES_PER_ROUND }, (_, i) => r * COMPANIES_PER_ROUND + i);
      await pool(fresh, async (n) => {
        const res = await identity.http().post('/companies').set(auth).send(companyBody({ legalName: `Partner ${n}` })).expect(201);
        companies[n] = { id: res.body.companyId, legalName: `Partner ${n}` };
      });
      // Profile updates of companies from this round and the one before.
      const edited = companies.slice(Math.max(0, (r - 1) * COMPANIES_PER_ROUND)).filter((_, i) => i % 2 === r % 2);
      updates += edited.length;
      await pool(edited, async (c) => {
        c.legalName = `${c.legalName} (r${r})`;
        await identity.http().patch(`/companies/${c.id}`).set(auth).send({ legalName: c.legalName, capabilities: [`round ${r}`] }).expect(200);
      });
    };

    const kills: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const child = startWorker();
      await round(r);
      // Kill it while it consumes: once it has handled something in this life, at a random instant.
      await eventually(() => workerHandled > 0, { timeoutMs: 45000, what: `worker life ${r} consuming` });
      await new Promise((res) => setTimeout(res, Math.random() * 300));
      kills.push(workerHandled);
      child.kill('SIGKILL');
      await exited(child);
    }
    const final = startWorker();

    const mine = new Set(companies.map((c) => c.id));
    const myEvents = () => messages.filter((m) => mine.has(m.event.subject));
    const expectedMine = companies.length + updates;
    const handledTypes = new Set(projection.handles);
    await eventually(() => new Set(myEvents().filter((m) => handledTypes.has(wireName(m.event.type, m.event.version))).map((m) => m.event.id)).size >= expectedMine, {
      timeoutMs: 60000,
      what: `${expectedMine} company events of this test on the topic`,
    });
    await eventually(async () => (await consumerGroupLag({ clientId: 'lag', brokers: kafkaBrokers }, groupId, [topic])).total === 0, {
      timeoutMs: 120000,
      intervalMs: 500,
      what: 'the worker caught up with the topic',
    });
    final.kill('SIGTERM');
    await exited(final);
    const committed = await consumerGroupLag({ clientId: 'lag', brokers: kafkaBrokers }, groupId, [topic]);
    const upTo = new Map(committed.partitions.map((p) => [p.partition, p.committed]));
    await eventually(() => committed.partitions.every((p) => p.committed === p.low || messages.some((m) => m.partition === p.partition && m.offset === p.committed - 1)), {
      what: 'the reader has every message the group consumed',
    });
    await reader.disconnect();

    // The fold of the topic, up to the group's committed offsets, with the same pure projection.
    const fold = new Map<string, PartnerCompany>();
    const seen = new Set<string>();
    const distinctPerSubject = new Map<string, number>();
    for (const m of [...messages].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
      if (m.offset >= (upTo.get(m.partition) ?? 0) || seen.has(m.event.id)) continue;
      seen.add(m.event.id);
      const e = fromIntegrationEvent(m.event);
      if (!projection.handles.includes(e.type)) continue;
      distinctPerSubject.set(e.subject, (distinctPerSubject.get(e.subject) ?? 0) + 1);
      const id = projection.documentId(e)!;
      const next = projection.apply(fold.get(id) ?? null, e);
      if (next) fold.set(id, next);
      else fold.delete(id);
    }
    const stored = await db.connection.collection('partner_companies').find({}).toArray();
    const readModel = new Map(
      stored.map((document) => {
        const { _id, _positions, _eventId, ...doc } = document;
        void _positions;
        void _eventId;
        return [String(_id), doc as unknown as PartnerCompany];
      }),
    );

    expect(readModel.size).toBe(fold.size);
    expect(Object.fromEntries(readModel)).toEqual(Object.fromEntries(fold));
    // 0 duplicate effects: each company applied exactly its distinct events.
    for (const c of companies) {
      expect(readModel.get(c.id)?.applied).toBe(distinctPerSubject.get(c.id));
      expect(readModel.get(c.id)?.legalName).toBe(c.legalName);
    }
    expect(kills.every((handled) => handled > 0)).toBe(true);
    redelivered += lifeDuplicates;
    process.stderr.write(
      `read-model-kill: ${kills.length} kills after ${kills.join(', ')} messages of each life; ${redelivered} redeliveries skipped; ` +
        `${seen.size} distinct events folded; ${messages.length} messages on the topic\n`,
    );
  }, 300000);
});
