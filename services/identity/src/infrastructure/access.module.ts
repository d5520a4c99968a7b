import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, KeyPair, TokenSigner, TokenVerifier, loadOrCreateKeys } from '@opn/auth';
import { SERVICE_CONFIG } from '@opn/service-kit';
import { join } from 'node:path';
import type { IdentityConfig } from '../identity.service';
import { emailClaimsKeyedBy } from '../domain';
import { PasswordHasher } from './passwords';
import { EMAIL_CLAIMS, STREAM_ID_SECRET, loadOrCreateStreamIdSecret } from './stream-id-secret';

const KEYS = Symbol('SigningKeys');

/** Sign-in material: access-token signing (every service verifies), password hashing, email claims keyed by a secret. */
@Module({
  providers: [
    {
      provide: KEYS,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IdentityConfig) =>
        loadOrCreateKeys(join(config.dataDir, 'jwt-keys.json'), { JWT_PRIVATE_KEY: config.jwtPrivateKey, JWT_PUBLIC_KEY: config.jwtPublicKey, JWT_KEY_ID: config.jwtKeyId }),
    },
    { provide: TokenSigner, inject: [KEYS, SERVICE_CONFIG], useFactory: (keys: KeyPair, config: IdentityConfig) => new TokenSigner(keys, config.accessTokenTtlSeconds) },
    { provide: TokenVerifier, inject: [KEYS], useFactory: (keys: KeyPair) => new TokenVerifier(keys.publicKey) },
    { provide: APP_GUARD, useClass: AuthGuard },
    PasswordHasher,
    { provide: STREAM_ID_SECRET, inject: [SERVICE_CONFIG], useFactory: (config: IdentityConfig) => loadOrCreateStreamIdSecret(config.dataDir, config.streamIdSecret) },
    { provide: EMAIL_CLAIMS, inject: [STREAM_ID_SECRET], useFactory: (secret: Buffer) => emailClaimsKeyedBy(secret) },
  ],
  exports: [TokenSigner, TokenVerifier, PasswordHasher, EMAIL_CLAIMS],
})
export class AccessModule {}
