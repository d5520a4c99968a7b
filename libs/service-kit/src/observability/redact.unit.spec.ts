import { REDACTED, isSecretName, redact, redactText } from './redact';

// A real-looking token (header {"alg":"EdDSA"}, payload {"sub":"p1"}, signature).
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJwMSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('redact', () => {
  it('replaces the values of secret-named fields at any depth, whatever their case or separator', () => {
    const out = redact({
      headers: { authorization: 'Bearer abc', Cookie: 'sid=1', 'set-cookie': ['a=b'], 'x-api-key': 'k', accept: 'application/json' },
      body: { email: 'ada@example.fr', password: 'hunter2', newPassword: 'n', accessToken: 'a', refresh_token: 'r', clientSecret: 's' },
      keys: { privateKey: 'pem' },
      jwtPrivateKey: 'pem',
      idempotencyKey: 'retry-123456',
      nested: [{ token: 't', ok: 1 }],
    });
    expect(out).toEqual({
      headers: { authorization: REDACTED, Cookie: REDACTED, 'set-cookie': REDACTED, 'x-api-key': REDACTED, accept: 'application/json' },
      body: { email: 'ada@example.fr', password: REDACTED, newPassword: REDACTED, accessToken: REDACTED, refresh_token: REDACTED, clientSecret: REDACTED },
      keys: REDACTED,
      jwtPrivateKey: REDACTED,
      idempotencyKey: 'retry-123456',
      nested: [{ token: REDACTED, ok: 1 }],
    });
  });

  it('scrubs JWTs, bearer credentials, assigned secrets and private keys out of free text', () => {
    expect(redactText(`token ${JWT} refused`)).toBe(`token ${REDACTED} refused`);
    expect(redactText('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText('GET /x?access_token=abc&page=2')).toBe(`GET /x?access_token=${REDACTED}&page=2`);
    expect(redactText('password=hunter2 user=ada')).toBe(`password=${REDACTED} user=ada`);
    expect(redactText('-----BEGIN PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY----- done')).toBe(`${REDACTED} done`);
    expect(redactText('company 732829320 registered')).toBe('company 732829320 registered');
  });

  it('keeps errors readable but scrubbed, and cuts cycles', () => {
    const error = Object.assign(new Error(`bad token ${JWT}`), { code: 'E1', secret: 's' });
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    const out = redact({ err: error, cyclic }) as { err: Record<string, unknown>; cyclic: Record<string, unknown> };
    expect(out.err).toMatchObject({ type: 'Error', message: `bad token ${REDACTED}`, code: 'E1', secret: REDACTED });
    expect(String(out.err.stack)).not.toContain(JWT);
    expect(out.cyclic).toEqual({ name: 'a', self: '[Circular]' });
  });

  it('tells secret names from identifiers', () => {
    expect(['password', 'accessToken', 'refreshToken', 'apiKey', 'private_key', 'SECRET', 'authorization'].every(isSecretName)).toBe(true);
    expect(['idempotencyKey', 'correlationId', 'streamId', 'tokenType', 'route', 'status'].some(isSecretName)).toBe(false);
  });
});
