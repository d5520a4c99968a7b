import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JWTPayload, JWTVerifyGetKey, SignJWT, createRemoteJWKSet, errors, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { Actor, PlatformRole, UnauthorizedError, UnavailableError, isPlatformRole } from '@opn/kernel';

/** Who is calling, as the access token says: the kernel's Actor plus the session it signed in with. */
export interface AuthenticatedActor extends Actor {
  email: string;
  sessionId: string;
}

export const ISSUER = 'opn-identity';
export const AUDIENCE = 'opn';
const ALG = 'EdDSA';

type Key = Awaited<ReturnType<typeof importSPKI>>;

export interface KeyPair {
  privateKey: Key;
  publicKey: Key;
  kid: string;
}

/**
 * Ed25519 keys: identity signs, every service verifies with the public key only.
 * From JWT_PRIVATE_KEY / JWT_PUBLIC_KEY (PEM) when set, else generated once and kept in `file`.
 */
export async function loadOrCreateKeys(file: string, env: NodeJS.ProcessEnv = process.env): Promise<KeyPair> {
  if (env.JWT_PRIVATE_KEY && env.JWT_PUBLIC_KEY) {
    return {
      privateKey: await importPKCS8(env.JWT_PRIVATE_KEY, ALG),
      publicKey: await importSPKI(env.JWT_PUBLIC_KEY, ALG),
      kid: env.JWT_KEY_ID ?? 'env',
    };
  }
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { privateKey: string; publicKey: string; kid: string };
    return { privateKey: await importPKCS8(saved.privateKey, ALG), publicKey: await importSPKI(saved.publicKey, ALG), kid: saved.kid };
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const kid = randomBytes(8).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey), kid }), { mode: 0o600 });
  return { privateKey, publicKey, kid };
}

export class TokenVerifier {
  /**
   * Tokens already verified, by their exact text (signature included), until they expire: a client
   * sends the same token with every request for 15 minutes, and the signature check is the costliest
   * step of a small request. Bounded; the least recently verified are forgotten first.
   */
  private readonly verified = new Map<string, { actor: AuthenticatedActor; expiresAtMs: number }>();

  /** `publicKey`: identity's key itself, or its published key set (`remoteVerificationKeys`). */
  constructor(
    private readonly publicKey: Key | JWTVerifyGetKey,
    private readonly maxCached = 10_000,
  ) {}

  /** Any failure (forged, expired, wrong issuer or audience, alg=none, wrong type) is a 401. */
  async verify(token: string): Promise<AuthenticatedActor> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return { ...known.actor, platformRoles: [...known.actor.platformRoles] };
      this.verified.delete(token);
    }
    const actor = await this.verifySignature(token);
    return actor;
  }

  private async verifySignature(token: string): Promise<AuthenticatedActor> {
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: [ALG],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
        typ: 'at+jwt',
      };
      // Two calls, not one: jose types the key and the key-set function as separate overloads.
      ({ payload } = typeof this.publicKey === 'function' ? await jwtVerify(token, this.publicKey, options) : await jwtVerify(token, this.publicKey, options));
    } catch (error) {
      // Identity's key set out of reach says nothing about the token: 503, the client retries.
      if (typeof this.publicKey === 'function' && (!(error instanceof errors.JOSEError) || error.code === 'ERR_JWKS_TIMEOUT')) {
        throw new UnavailableError("identity's signing keys cannot be fetched");
      }
      throw new UnauthorizedError('invalid or expired access token');
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is PlatformRole => isPlatformRole(r)) : [];
    const actor = { personId: String(payload.sub), email: String(payload.email ?? ''), platformRoles: roles, sessionId: String(payload.sid ?? '') };
    if (this.maxCached > 0) {
      if (this.verified.size >= this.maxCached) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { actor, expiresAtMs: Number(payload.exp) * 1000 });
    }
    return { ...actor, platformRoles: [...roles] };
  }
}

/** The verification key of a service that only verifies tokens: a PEM public key, else identity's JWKS. */
export async function verificationKey(settings: { jwtPublicKey?: string; identityJwksUrl: string }): Promise<Key | JWTVerifyGetKey> {
  if (settings.jwtPublicKey) return importSPKI(settings.jwtPublicKey, ALG);
  // Fetched on first use and again (at most every 30 s) when a token names an unknown key id, so
  // identity may start after this service and may rotate its keys.
  return createRemoteJWKSet(new URL(settings.identityJwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
}

export class TokenSigner {
  constructor(
    private readonly keys: KeyPair,
    readonly accessTokenTtlSeconds = 900,
  ) {}

  async sign(actor: AuthenticatedActor, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ email: actor.email, roles: actor.platformRoles, sid: actor.sessionId })
      .setProtectedHeader({ alg: ALG, typ: 'at+jwt', kid: this.keys.kid })
      .setSubject(actor.personId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.accessTokenTtlSeconds)
      .setJti(randomBytes(12).toString('hex'))
      .sign(this.keys.privateKey);
  }

  async jwks(): Promise<{ keys: object[] }> {
    return { keys: [{ ...(await exportJWK(this.keys.publicKey)), kid: this.keys.kid, alg: ALG, use: 'sig' }] };
  }
}
