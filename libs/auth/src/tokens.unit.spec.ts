import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnauthorizedError, UnavailableError } from '@opn/kernel';
import { AuthenticatedActor, KeyPair, TokenSigner, TokenVerifier, loadOrCreateKeys, verificationKey } from './tokens';

describe('TokenVerifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opn-tokens-'));
  let keys: KeyPair;
  const actor: AuthenticatedActor = { personId: 'p1', email: 'ada@example.fr', platformRoles: ['platform_admin'], sessionId: 's1' };
  beforeAll(async () => {
    keys = await loadOrCreateKeys(join(dir, 'keys.json'), {});
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('answers a token it verified before from memory, with a copy the caller may change', async () => {
    const token = await new TokenSigner(keys).sign(actor, new Date());
    const verifier = new TokenVerifier(keys.publicKey);
    const first = await verifier.verify(token);
    expect(first).toEqual(actor);
    first.platformRoles.push('platform_admin');
    first.personId = 'someone else';
    expect(await verifier.verify(token)).toEqual(actor);
  });

  it('still refuses a remembered token once it expired, and a tampered copy of it', async () => {
    const token = await new TokenSigner(keys, 60).sign(actor, new Date());
    const verifier = new TokenVerifier(keys.publicKey);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const flipped = signature[5] === 'A' ? 'B' : 'A';
    const tampered = [header, payload, signature.slice(0, 5) + flipped + signature.slice(6)].join('.');
    await expect(verifier.verify(tampered)).rejects.toThrow(UnauthorizedError);
    // only the clock moves (Date), timers and promises run as usual
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      await expect(verifier.verify(token)).rejects.toThrow(UnauthorizedError);
    } finally {
      jest.useRealTimers();
    }
  });

  it('forgets the least recently verified tokens beyond its bound', async () => {
    const verifier = new TokenVerifier(keys.publicKey, 2);
    const signer = new TokenSigner(keys);
    const tokens = await Promise.all(['a', 'b', 'c'].map((id) => signer.sign({ ...actor, personId: id }, new Date())));
    for (const t of tokens) await verifier.verify(t);
    const cached = (verifier as unknown as { verified: Map<string, unknown> }).verified;
    expect([...cached.keys()]).toEqual(tokens.slice(1));
  });
});

describe("TokenVerifier with identity's published key set", () => {
  const dir = mkdtempSync(join(tmpdir(), 'opn-jwks-'));
  const actor: AuthenticatedActor = { personId: 'p2', email: 'grace@example.fr', platformRoles: [], sessionId: 's2' };
  let keys: KeyPair;
  let server: Server;
  let url: string;
  let served = 0;
  beforeAll(async () => {
    keys = await loadOrCreateKeys(join(dir, 'keys.json'), {});
    const signer = new TokenSigner(keys);
    server = createServer((_, res) => {
      served++;
      void signer.jwks().then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies tokens with the fetched keys, fetching them once', async () => {
    const verifier = new TokenVerifier(await verificationKey({ identityJwksUrl: url }), 0);
    const signer = new TokenSigner(keys);
    expect(await verifier.verify(await signer.sign(actor, new Date()))).toEqual(actor);
    expect(await verifier.verify(await signer.sign(actor, new Date()))).toEqual(actor);
    expect(served).toBe(1);
  });

  it('refuses a token signed by another key with 401', async () => {
    const other = await loadOrCreateKeys(join(dir, 'other.json'), {});
    const verifier = new TokenVerifier(await verificationKey({ identityJwksUrl: url }), 0);
    await expect(verifier.verify(await new TokenSigner(other).sign(actor, new Date()))).rejects.toThrow(UnauthorizedError);
  });

  it('answers 503, not 401, while the key set cannot be reached', async () => {
    const verifier = new TokenVerifier(await verificationKey({ identityJwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json' }), 0);
    await expect(verifier.verify(await new TokenSigner(keys).sign(actor, new Date()))).rejects.toThrow(UnavailableError);
  });

  it('uses a PEM public key when one is given', async () => {
    const pem = (JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as { publicKey: string }).publicKey;
    const verifier = new TokenVerifier(await verificationKey({ jwtPublicKey: pem, identityJwksUrl: 'http://127.0.0.1:9/' }), 0);
    expect(await verifier.verify(await new TokenSigner(keys).sign(actor, new Date()))).toEqual(actor);
  });
});
