import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnauthorizedError } from '@opn/kernel';
import { AuthenticatedActor, KeyPair, TokenSigner, TokenVerifier, loadOrCreateKeys } from './tokens';

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
