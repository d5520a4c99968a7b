import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, TokenVerifier, verificationKey } from '@opn/auth';
import { ConfigOf, env } from '../config/config';
import { SERVICE_CONFIG } from '../tokens';

/**
 * The variables of a service that verifies identity's access tokens without signing any: spread
 * into its declaration's `config` (`config: { ...tokenVerificationSpec(), ... }`).
 */
export const tokenVerificationSpec = () => ({
  jwtPublicKey: env.optionalString('JWT_PUBLIC_KEY', {
    description: "identity's Ed25519 public key (PEM) that access tokens are verified with; unset: fetched from IDENTITY_JWKS_URL",
  }),
  identityJwksUrl: env.url('IDENTITY_JWKS_URL', {
    default: 'http://127.0.0.1:3001/.well-known/jwks.json',
    protocols: ['http://', 'https://'],
    description: "identity's published key set (fetched on first use, again when a token names a new key; 503 while unreachable)",
  }),
});

export type TokenVerificationConfig = ConfigOf<ReturnType<typeof tokenVerificationSpec>>;

/**
 * Every route needs a valid access token unless marked `@Public()`, verified with identity's
 * public key only: what identity's AccessModule does for itself, for the other services.
 */
@Module({
  providers: [
    { provide: TokenVerifier, inject: [SERVICE_CONFIG], useFactory: async (config: TokenVerificationConfig) => new TokenVerifier(await verificationKey(config)) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class TokenVerificationModule {}
