import type { INestApplication } from '@nestjs/common';
import { freePort } from '@opn/infra';
import { loadConfig } from '@opn/service-kit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE, createGateway, gatewayConfigSpec } from '../../services/gateway/test/gateway-app';
import { companyBody, uniqueEmail } from '../../services/identity/test/identity-app';
import { TestNetwork, startNetwork } from '../support/network';

// The gateway in front of identity and relations (in-process, listening on loopback, on the real
// Kafka and FerretDB); territories, collectives and recommendations are pointed at a closed port.

let network: TestNetwork;
let gateway: INestApplication;
let webDir: string;
const PASSWORD = 'correct horse battery staple 9';

const listen = async (app: INestApplication) => {
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
};

beforeAll(async () => {
  network = await startNetwork();
  const closed = `http://127.0.0.1:${await freePort()}`;
  webDir = mkdtempSync(join(tmpdir(), 'opn-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  const config = loadConfig(gatewayConfigSpec, {
    GATEWAY_PORT: '1',
    IDENTITY_URL: await listen(network.identity.app),
    RELATIONS_URL: await listen(network.relations.app),
    TERRITORIES_URL: closed,
    COLLECTIVES_URL: closed,
    RECOMMENDATIONS_URL: closed,
    GATEWAY_WEB_DIR: webDir,
    LOG_LEVEL: 'silent',
  });
  gateway = await createGateway(config);
  await gateway.init();
});

afterAll(async () => {
  await gateway?.close();
  await network?.close();
  rmSync(webDir, { recursive: true, force: true });
});

const http = () => request(gateway.getHttpServer());
type Agent = ReturnType<typeof request.agent>;

const setCookies = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const cookie = (res: request.Response, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));
const value = (header: string | undefined) => header?.split(';')[0].split('=').slice(1).join('=');

async function signedUp(): Promise<{ agent: Agent; csrf: string; personId: string; res: request.Response }> {
  const agent = request.agent(gateway.getHttpServer());
  const res = await agent.post('/api/session/sign-up').send({ email: uniqueEmail('gw'), password: PASSWORD, displayName: 'Gaby' }).expect(201);
  return { agent, csrf: res.body.csrfToken, personId: res.body.personId, res };
}

describe('the browser session', () => {
  it('keeps the tokens in HttpOnly SameSite=Strict cookies, never in the body', async () => {
    const { res } = await signedUp();
    expect(Object.keys(res.body).sort()).toEqual(['csrfToken', 'personId']);
    for (const name of [ACCESS_COOKIE, REFRESH_COOKIE]) {
      expect(cookie(res, name)).toMatch(/HttpOnly/);
      expect(cookie(res, name)).toMatch(/SameSite=Strict/);
      expect(cookie(res, name)).toMatch(/Path=\/api/);
    }
    expect(cookie(res, CSRF_COOKIE)).not.toMatch(/HttpOnly/);
    expect(value(cookie(res, CSRF_COOKIE))).toBe(res.body.csrfToken);
  });

  it('authenticates the services’ calls with the session, and says who is signed in', async () => {
    const { agent, personId } = await signedUp();
    expect((await agent.get('/api/identity/me').expect(200)).body.personId).toBe(personId);
    expect((await agent.get('/api/session').expect(200)).body).toEqual({ signedIn: true, personId });
    expect((await http().get('/api/session').expect(200)).body).toEqual({ signedIn: false });
    expect((await http().get('/api/identity/me').expect(401)).body.error.code).toBe('unauthorized');
  });

  it('refuses an unsafe call without the CSRF header, or from another origin, and writes nothing', async () => {
    const { agent, csrf } = await signedUp();
    const body = companyBody();
    const refused = await agent.post('/api/identity/companies').send(body).expect(403);
    expect(refused.body.error.code).toBe('csrf_failed');
    await agent.post('/api/identity/companies').set(CSRF_HEADER, 'forged').send(body).expect(403);
    await agent.post('/api/identity/companies').set(CSRF_HEADER, csrf).set('Origin', 'https://evil.example').send(body).expect(403);
    expect((await agent.get('/api/identity/me/companies').expect(200)).body.total).toBe(0);
    await agent.post('/api/identity/companies').set(CSRF_HEADER, csrf).send(body).expect(201);
    expect((await agent.get('/api/identity/me/companies').expect(200)).body.total).toBe(1);
  });

  it('lets API clients use their own bearer token, without cookies or CSRF', async () => {
    const tokens = await network.identity.http().post('/auth/sign-up').send({ email: uniqueEmail('api'), password: PASSWORD, displayName: 'Api' }).expect(201);
    await http().post('/api/identity/companies').set('Authorization', `Bearer ${tokens.body.accessToken}`).send(companyBody()).expect(201);
  });

  it('renews an expired access token once for concurrent calls (refresh tokens are single use)', async () => {
    const { res, csrf } = await signedUp();
    const refresh = value(cookie(res, REFRESH_COOKIE));
    // The browser dropped the access cookie (it expires 30 s before the token); only the refresh cookie is left.
    const jar = `${REFRESH_COOKIE}=${refresh}; ${CSRF_COOKIE}=${csrf}`;
    const answers = await Promise.all([1, 2, 3].map(() => http().get('/api/identity/me').set('Cookie', jar)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const renewed = value(cookie(answers[0], REFRESH_COOKIE));
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(refresh);
    expect(answers.map((a) => value(cookie(a, REFRESH_COOKIE)))).toEqual([renewed, renewed, renewed]);
    // The rotated token still works: identity did not take the concurrent calls for a replay.
    const later = await http().get('/api/session').set('Cookie', `${REFRESH_COOKIE}=${renewed}`).expect(200);
    expect(later.body.signedIn).toBe(true);
  });

  it('answers wrong credentials with identity’s error, and ends the session on sign-out', async () => {
    const wrong = await http().post('/api/session/sign-in').send({ email: uniqueEmail('nobody'), password: 'not the password at all' }).expect(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect(setCookies(wrong)).toEqual([]);
    const { agent, csrf, res } = await signedUp();
    await agent.post('/api/session/sign-out').expect(403);
    const out = await agent.post('/api/session/sign-out').set(CSRF_HEADER, csrf).expect(204);
    expect(cookie(out, ACCESS_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await agent.get('/api/session').expect(200)).body.signedIn).toBe(false);
    // The old refresh token is dead with the session.
    const old = value(cookie(res, REFRESH_COOKIE));
    expect((await http().get('/api/session').set('Cookie', `${REFRESH_COOKIE}=${old}`).expect(200)).body.signedIn).toBe(false);
  });
});

describe('sign-in limits', () => {
  it('counts failed sign-ins per browser address, not per gateway', async () => {
    const fail = (address: string, n: number) =>
      http().post('/api/session/sign-in').set('X-Forwarded-For', address).send({ email: uniqueEmail(`limit${n}`), password: 'not the password at all' });
    // identity allows 50 failures per client address in 15 minutes.
    for (let n = 0; n < 50; n++) expect((await fail('203.0.113.7', n)).status).toBe(401);
    const limited = await fail('203.0.113.7', 50);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_requests');
    expect((await fail('203.0.113.8', 51)).status).toBe(401);
  });
});

describe('routing', () => {
  it('answers 502 with a machine-readable body when a service is down', async () => {
    const res = await http().get('/api/collectives/collectives').expect(502);
    expect(res.body.error).toEqual({ code: 'upstream_unavailable', message: expect.stringContaining('collectives'), status: 502 });
  });

  it('reports each service’s readiness', async () => {
    const res = await http().get('/health').expect(503);
    expect(res.body.services).toEqual({ identity: 'up', relations: 'up', territories: 'unreachable', collectives: 'unreachable', recommendations: 'unreachable' });
  });

  it('serves the web app: deep links get index.html, hashed assets are cached for good, unknown API paths 404', async () => {
    const page = await http().get('/territories/abc/map').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<title>app</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const asset = await http().get('/assets/app-1234.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await http().get('/assets/missing.js').expect(404);
    expect((await http().get('/api/nothing/here').set('Accept', 'text/html').expect(404)).body.error.code).toBe('not_found');
  });

  it('lists every service’s API, as seen through the gateway, in the reference at /docs', async () => {
    const doc = await http().get('/openapi/identity.json').expect(200);
    expect(doc.body.servers).toEqual([{ url: '/api/identity', description: expect.any(String) }]);
    expect(Object.keys(doc.body.paths)).toContain('/auth/sign-in');
    await http().get('/openapi/territories.json').expect(502);
    await http().get('/openapi/nothing.json').expect(404);
    const init = await http().get('/docs/swagger-ui-init.js').expect(200);
    for (const service of ['identity', 'relations', 'territories', 'collectives', 'recommendations']) expect(init.text).toContain(`/openapi/${service}.json`);
  });
});
