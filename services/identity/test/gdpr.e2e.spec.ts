
import { IntegrationEvent } from '@opn/contracts';
import { IDENTITY_TOPICS } from '@opn/identity-contracts';
import { readTopic, testInfra, TopicMessage } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { randomBytes, randomInt } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TestIdentity, companyBody, signUp, startIdentity, uniqueEmail } from './identity-app';

/**
 * QUALITY.md, security: "Erasure of a person: 0 plaintext canary values left in the event log,
 * read models, Kafka topics and logs". Canaries (unique random strings) are planted through the
 * API, found in the export, then searched for after the erasure in every place identity writes.
 */

/** Every log line the app writes (its pino destination, at debug level) and anything written straight to stdout/stderr. */
class CollectingLog {
  readonly lines: string[] = [];
  readonly destination = { write: (line: string) => void this.lines.push(line) };
}

const canary = (label: string) => `cnry${label}${randomBytes(6).toString('hex')}`;
const PASSWORD = 'correct horse battery staple';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

function planted(person: { email: string; names: string[]; headline: string; phone: string; userAgent: string }): string[] {
  return [person.email, ...person.names, person.headline, person.phone, person.userAgent];
}

describe('GDPR export and erasure (crypto-shredding), end to end', () => {
  const adminEmail = uniqueEmail('admin');
  const logger = new CollectingLog();
  const output: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  let t: TestIdentity;

  beforeAll(async () => {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (output.push(String(chunk)), writes.out(chunk, ...rest))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (output.push(String(chunk)), writes.err(chunk, ...rest))) as typeof process.stderr.write;
    t = await startIdentity({ PLATFORM_ADMIN_EMAILS: adminEmail, LOG_LEVEL: 'debug' }, { logDestination: logger.destination });
  });
  afterAll(async () => {
    await t.close();
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  });

  /** Signs up with canary values everywhere the API takes personal data. */
  async function plantPerson(label: string, email = `${canary(`${label}mail`)}@example.fr`) {
    const names = [canary(`${label}name`), canary(`${label}rename`)];
    const headline = canary(`${label}headline`);
    const phone = `+44${randomInt(10 ** 9, 10 ** 10 - 1)}${randomInt(10, 99)}`;
    const userAgent = canary(`${label}agent`);
    const res = await t.http().post('/auth/sign-up').set('User-Agent', userAgent).send({ email, password: PASSWORD, displayName: names[0] }).expect(201);
    const token = res.body.accessToken as string;
    await t.http().patch('/me').set(auth(token)).send({ displayName: names[1], headline, phone }).expect(200);
    return { email, names, headline, phone, userAgent, personId: res.body.personId as string, token, refreshToken: res.body.refreshToken as string };
  }

  it('exports everything planted; after erasure no plaintext canary is left in the event store, MongoDB, Kafka or the logs', async () => {
    const admin = await signUp(t, adminEmail, 'Platform Admin');
    const company = await t.http().post('/companies').set(auth(admin.token)).send(companyBody()).expect(201);
    const companyId = company.body.companyId as string;

    // The victim is invited (a canary email), signs up with it and accepts; then fills in the profile.
    const victimEmail = `${canary('victimmail')}@example.fr`;
    const invite = await t.http().post(`/companies/${companyId}/invitations`).set(auth(admin.token)).send({ email: victimEmail }).expect(201);
    const victim = await plantPerson('victim', victimEmail);
    await t.http().post('/invitations/accept').set(auth(victim.token)).send({ companyId, invitationId: invite.body.invitationId, token: invite.body.token }).expect(200);
    await t.http().put('/me/consents/directory_listing').set(auth(victim.token)).send({ granted: true, policyVersion: '2026-01' }).expect(200);
    // Erased by a platform admin instead of by themself.
    const carol = await plantPerson('carol');
    // Stays: shares the company with the victim, and must never see them in their own export.
    const bob = await plantPerson('bob');
    const bobInvite = await t.http().post(`/companies/${companyId}/invitations`).set(auth(admin.token)).send({ email: bob.email }).expect(201);
    await t.http().post('/invitations/accept').set(auth(bob.token)).send({ companyId, invitationId: bobInvite.body.invitationId, token: bobInvite.body.token }).expect(200);

    const canaries = [...planted(victim), ...planted(carol)];

    // Export before erasure: every planted value is there, decrypted; credentials are not.
    const exported = await t.http().get('/me/export').set(auth(victim.token)).expect(200);
    const exportText = JSON.stringify(exported.body);
    for (const value of planted(victim)) expect(exportText).toContain(value);
    expect(exported.body).toMatchObject({
      personId: victim.personId,
      profile: { email: victimEmail, displayName: victim.names[1], headline: victim.headline, phone: victim.phone },
      consents: { directory_listing: { granted: true } },
      memberships: [expect.objectContaining({ companyId, role: 'member' })],
      invitations: [expect.objectContaining({ invitationId: invite.body.invitationId, email: victimEmail, status: 'accepted' })],
      sessions: [expect.objectContaining({ userAgent: victim.userAgent, status: 'active' })],
    });
    expect(Object.keys(exported.body.events).some((s) => s.startsWith('email-'))).toBe(true);
    expect(exportText).not.toMatch(/argon2|pii:v1:/);
    for (const value of [...planted(bob), ...planted(carol)]) expect(exportText).not.toContain(value);

    // Self-service erasure needs the password; an ordinary person cannot erase someone else (404).
    await t.http().post('/me/erasure').set(auth(victim.token)).send({ password: 'wrong password!' }).expect(401);
    await t.http().post(`/people/${carol.personId}/erasure`).set(auth(bob.token)).expect(404);
    await t.http().post('/me/erasure').set(auth(victim.token)).send({ password: PASSWORD }).expect(204);
    await t.http().post(`/people/${carol.personId}/erasure`).set(auth(admin.token)).expect(204);
    await t.http().post(`/people/${carol.personId}/erasure`).set(auth(admin.token)).expect(204); // idempotent

    // The erased cannot sign in, refresh, export or be seen.
    await t.http().post('/auth/sign-in').send({ email: victimEmail, password: PASSWORD }).expect(401);
    await t.http().post('/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(401);
    await t.http().post('/auth/sign-in').send({ email: carol.email, password: PASSWORD }).expect(401);
    await t.http().get('/me/export').set(auth(victim.token)).expect(404);
    await t.http().get(`/people/${victim.personId}`).set(auth(admin.token)).expect(404);
    // Company member lists keep the membership, without a name.
    const members = await t.http().get(`/companies/${companyId}/members`).set(auth(admin.token)).expect(200);
    expect(members.body.items).toContainEqual({ companyId, personId: victim.personId, role: 'member', joinedAt: expect.any(String), erased: true });
    expect(members.body.items).toContainEqual(expect.objectContaining({ personId: bob.personId, displayName: bob.names[1] }));
    const invitations = await t.http().get(`/companies/${companyId}/invitations`).set(auth(admin.token)).expect(200);
    expect(invitations.body.items).toContainEqual(expect.objectContaining({ invitationId: invite.body.invitationId, email: '[erased]' }));

    // Another person's export never contains the erased.
    const bobExport = JSON.stringify((await t.http().get('/me/export').set(auth(bob.token)).expect(200)).body);
    expect(bobExport).toContain(bob.names[1]);
    for (const value of [...canaries, victim.personId, carol.personId]) expect(bobExport).not.toContain(value);

    // Wait for the relay: the erasures are on Kafka.
    const { kafkaBrokers, mongoUrl } = testInfra();
    await readTopic(kafkaBrokers, IDENTITY_TOPICS.person, (ms) =>
      [victim.personId, carol.personId].every((id) => ms.some((m) => m.key === id && (m.value as IntegrationEvent).type === 'identity.PersonErased')),
    );

    const found = (where: string, text: string) => canaries.filter((c) => text.includes(c)).map((c) => `${where}: ${c}`);
    const leaks: string[] = [];

    // 1. The event store (and every other file of the service's data dir), WAL included.
    const files = readdirSync(t.dataDir).map((f) => join(t.dataDir, f)).filter((f) => statSync(f).isFile());
    expect(files.map((f) => f.slice(t.dataDir.length + 1))).toEqual(expect.arrayContaining(['events.sqlite', 'keys.sqlite']));
    const storeBytes = files.map((f) => readFileSync(f).toString('latin1')).join('\n');
    expect(storeBytes).toContain(`person-${victim.personId}`); // the search does see the log's text
    leaks.push(...found('data dir', storeBytes));

    // 2. Every document of every collection of the service's database.
    const connection = await mongoose.createConnection(mongoUrl, { dbName: t.mongoDb }).asPromise();
    try {
      const collections = await connection.db!.listCollections().toArray();
      expect(collections.map((c) => c.name)).toEqual(expect.arrayContaining(['people', 'company_members', 'company_invitations', 'person_sessions']));
      let documents = '';
      for (const c of collections) documents += JSON.stringify(await connection.db!.collection(c.name).find({}).toArray());
      expect(documents).toContain(victim.personId);
      leaks.push(...found('mongodb', documents));
    } finally {
      await connection.close();
    }

    // 3. Every message, value and headers, of every topic identity wrote to (dead letters included).
    const kafka = new Kafka({ clientId: 'gdpr-e2e', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    const admin_ = kafka.admin();
    await admin_.connect();
    let topics: string[];
    const counts = new Map<string, number>();
    try {
      topics = (await admin_.listTopics()).filter((name) => name.startsWith('identity.'));
      for (const topic of topics) {
        const offsets = await admin_.fetchTopicOffsets(topic);
        counts.set(topic, offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0));
      }
    } finally {
      await admin_.disconnect();
    }
    expect(topics).toEqual(expect.arrayContaining([IDENTITY_TOPICS.person, IDENTITY_TOPICS.company]));
    let messages: TopicMessage[] = [];
    for (const topic of topics) {
      const expected = counts.get(topic)!;
      if (expected === 0) continue;
      const read = await readTopic(kafkaBrokers, topic, (ms) => ms.length >= expected, 30000);
      expect(read.length).toBeGreaterThanOrEqual(expected);
      messages = messages.concat(read);
    }
    const kafkaText = JSON.stringify(messages.map((m) => [m.key, m.value, m.headers]));
    expect(kafkaText).toContain(victim.personId);
    expect(kafkaText).toContain('pii:v1:'); // names did travel, sealed
    leaks.push(...found('kafka', kafkaText));

    // 4. The service's log output.
    const logs = [...logger.lines, ...output].join('\n');
    expect(logs).toContain(`person ${victim.personId} erased by ${victim.personId} (self)`); // the collector does see the app's logs
    leaks.push(...found('logs', logs));

    expect(leaks).toEqual([]);

    // The address is free again: a new account (a new person) can take it.
    const again = await t.http().post('/auth/sign-up').send({ email: victimEmail, password: PASSWORD, displayName: 'Someone New' }).expect(201);
    expect(again.body.personId).not.toBe(victim.personId);
  });
});
