import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, KeyPair, TokenSigner, TokenVerifier, loadOrCreateKeys } from '@opn/auth';
import { SERVICE_CONFIG } from '@opn/service-kit';
import { join } from 'node:path';
import type { IdentityConfig } from '../identity.service';
import { PasswordHasher } from './passwords';

const KEYS = Symbol('SigningKeys');

/** Identity signs access tokens (every service verifies them) and hashes passwords. */
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
  ],
  exports: [TokenSigner, TokenVerifier, PasswordHasher],
})
export class AccessModule {}
