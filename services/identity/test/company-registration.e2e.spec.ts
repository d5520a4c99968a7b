import { ContractRegistry, IntegrationEvent } from '@opn/contracts';
import { IDENTITY_CONTRACTS, IDENTITY_TOPICS } from '@opn/identity-contracts';
import { readTopic, testInfra } from '@opn/testing';
import { TestIdentity, companyBody, signUp, startIdentity, uniqueEmail } from './identity-app';

/**
 * The foundation's end-to-end promise: a company registered over HTTP is served by a GET from the
 * MongoDB read model and its public event is on the Kafka topic, against the real broker and FerretDB.
 */
describe('registering a company, end to end', () => {
  let t: TestIdentity;
  beforeAll(async () => {
    t = await startIdentity();
  });
  afterAll(() => t.close());

  it('answers the GET from the read model and publishes identity.CompanyRegistered.v1 on identity.company', async () => {
    const email = uniqueEmail('founder');
    const founder = await signUp(t, email, 'Camille Martin');
    const body = companyBody({ legalName: 'Forges de Lyon' });
    const created = await t.http().post('/companies').set('Authorization', `Bearer ${founder.token}`).send(body).expect(201);
    const companyId = created.body.companyId as string;
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/companies/${companyId}`);

    const got = await t.http().get(`/companies/${companyId}`).set('Authorization', `Bearer ${founder.token}`).expect(200);
    expect(got.body).toMatchObject({
      companyId,
      legalName: 'Forges de Lyon',
      siren: body.siren,
      nafCode: '25.62B',
      capabilities: ['usinage cnc', 'soudure'],
      memberCount: 1,
      revision: 1,
    });
    expect(got.body._id).toBeUndefined();
    const listed = await t.http().get('/companies').query({ q: 'forges de', limit: 5 }).set('Authorization', `Bearer ${founder.token}`).expect(200);
    expect(listed.body.items.map((c: { companyId: string }) => c.companyId)).toContain(companyId);

    const mine = await t.http().get('/me/companies').set('Authorization', `Bearer ${founder.token}`).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ companyId, personId: founder.personId, role: 'company_admin' })]);

    const { kafkaBrokers } = testInfra();
    const registry = new ContractRegistry(IDENTITY_CONTRACTS);
    const onTopic = await readTopic(kafkaBrokers, IDENTITY_TOPICS.company, (ms) =>
      ms.some((m) => (m.value as IntegrationEvent).subject === companyId && (m.value as IntegrationEvent).type === 'identity.CompanyMemberJoined'),
    );
    const ours = onTopic.filter((m) => m.key === companyId).map((m) => registry.validate(m.value));
    expect(ours.map((e) => `${e.type}.v${e.version}`)).toEqual(['identity.CompanyRegistered.v1', 'identity.CompanyMemberJoined.v1']);
    expect(ours[0]).toMatchObject({ source: 'identity', subject: companyId, data: { companyId, legalName: 'Forges de Lyon', siren: body.siren } });
    expect(onTopic.find((m) => m.key === companyId)?.headers.ce_type).toBe('identity.CompanyRegistered.v1');

    // The person's public event carries no email, password hash or other private field.
    const people = await readTopic(kafkaBrokers, IDENTITY_TOPICS.person, (ms) => ms.some((m) => m.key === founder.personId));
    const personEvent = people.find((m) => m.key === founder.personId)!;
    expect(registry.validate(personEvent.value).type).toBe('identity.PersonRegistered');
    const raw = JSON.stringify(people.filter((m) => m.key === founder.personId));
    expect(raw).not.toContain(email);
    expect(raw).not.toContain('argon2');
  });

  it('filters the directory by city (any case), NAF code, size band, capability and offer, with page totals', async () => {
    const founder = await signUp(t, uniqueEmail('directory'), 'Léa Roux');
    const auth = { Authorization: `Bearer ${founder.token}` };
    const tag = `t${Date.now().toString(36)}`; // a capability no other test registers
    const register = async (legalName: string, over: Record<string, unknown>) =>
      (await t.http().post('/companies').set(auth).send(companyBody({ legalName, capabilities: [tag, 'soudure'], ...over })).expect(201)).body
        .companyId as string;
    const address = (city: string) => ({ line1: '1 place Bellecour', postalCode: '38000', city, country: 'FR' });
    const grenoble = await register('Grenoble Usinage', { address: address('Grenoble'), nafCode: '28.41Z', sizeBand: '50-249' });
    const saintEtienne = await register('Forge Stéphanoise', { address: address('Saint-Étienne'), nafCode: '28.41Z', offers: ['maintenance'] });
    const lyon = await register('Lyon Tôlerie', { address: address('Lyon'), nafCode: '25.62B' });
    const ids = async (query: Record<string, string>) => {
      const res = await t.http().get('/companies').query({ capability: tag, limit: 10, ...query }).set(auth).expect(200);
      // no internal field (_id, _position, _eventId) in the answer
      expect(res.body.items.flatMap((c: Record<string, unknown>) => Object.keys(c).filter((k) => k.startsWith('_')))).toEqual([]);
      return { ids: res.body.items.map((c: { companyId: string }) => c.companyId), total: res.body.total };
    };
    expect(await ids({})).toEqual({ ids: [saintEtienne, grenoble, lyon], total: 3 });
    expect(await ids({ city: 'GRENOBLE' })).toEqual({ ids: [grenoble], total: 1 });
    expect(await ids({ city: ' saint-étienne ' })).toEqual({ ids: [saintEtienne], total: 1 });
    expect(await ids({ city: 'Grenob' })).toEqual({ ids: [], total: 0 }); // the whole name, not a prefix
    expect(await ids({ nafCode: '28.41Z', city: 'grenoble' })).toEqual({ ids: [grenoble], total: 1 });
    expect(await ids({ nafCode: '28.41Z', sizeBand: '10-49' })).toEqual({ ids: [saintEtienne], total: 1 });
    expect(await ids({ offer: 'Maintenance' })).toEqual({ ids: [saintEtienne], total: 1 });

    // moving the company moves it in the filter
    await t.http().patch(`/companies/${lyon}`).set(auth).set('If-Match', '"1"').send({ address: address('Grenoble') }).expect(200);
    expect(await ids({ city: 'grenoble' })).toEqual({ ids: [grenoble, lyon], total: 2 });
    expect(await ids({ city: 'lyon' })).toEqual({ ids: [], total: 0 });
  });

  it('serves OpenAPI and health without a token', async () => {
    const doc = await t.http().get('/openapi.json').expect(200);
    expect(doc.body.paths['/companies']).toBeDefined();
    expect(doc.body.paths['/auth/sign-in']).toBeDefined();
    const health = await t.http().get('/health').expect(200);
    expect(health.body.checks.eventStore.state).toBe('ok');
    expect(['ok', 'degraded']).toContain(health.body.status);
  });
});
