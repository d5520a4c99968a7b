import { Inject, Injectable } from '@nestjs/common';
import { TokenSigner } from '@opn/auth';
import { PlatformRole, UnauthorizedError } from '@opn/kernel';

import { createHash, randomBytes } from 'node:crypto';
import type { IdentityConfig } from '../../identity.service';
import { SERVICE_CONFIG } from '@opn/service-kit';
import { TokensView } from './auth.dto';

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Refresh tokens are `<sessionId>.<secret>`; only the secret's SHA-256 is stored. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly signer: TokenSigner,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  newRefreshSecret(sessionId: string, now: Date) {
    const secret = randomBytes(32).toString('base64url');
    return {
      token: `${sessionId}.${secret}`,
      hash: hashSecret(secret),
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlDays * 86_400_000).toISOString(),
    };
  }

  parseRefreshToken(token: string): { sessionId: string; hash: string } {
    const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
    if (!m) throw new UnauthorizedError('invalid refresh token');
    return { sessionId: m[1], hash: hashSecret(m[2]) };
  }

  async view(
    person: { personId: string; email: string; platformRoles: PlatformRole[] },
    sessionId: string,
    refresh: { token: string; expiresAt: string },
    now: Date,
  ): Promise<TokensView> {
    const accessToken = await this.signer.sign({ ...person, sessionId }, now);
    return {
      personId: person.personId,
      accessToken,
      expiresIn: this.signer.accessTokenTtlSeconds,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
    };
  }
}
