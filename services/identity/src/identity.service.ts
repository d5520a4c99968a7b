import { ServiceConfig, defineService, env } from '@opn/service-kit';
import { IDENTITY_PERSONAL_DATA } from './domain';
import { IDENTITY_RELAY_TOPICS, identityOutboundMapper } from './integration/outbound.mapper';
import { IDENTITY_MEMORY_READ_MODELS, IDENTITY_PROJECTIONS } from './read-models';

/** What is specific to identity; the kit gives it everything else (see docs/how-to-add-a-service.md). */
export const identityService = defineService({
  name: 'identity',
  title: 'Identity service',
  description: 'Companies, people, roles, sign-in and consent of the open partner network',
  defaultPort: 3001,
  config: {
    platformAdminEmails: env.list('PLATFORM_ADMIN_EMAILS', { default: [], description: 'accounts that become platform admins at sign-up', item: (e) => (e.includes('@') ? e.toLowerCase() : undefined), itemText: 'email addresses' }),
    accessTokenTtlSeconds: env.int('ACCESS_TOKEN_TTL_SECONDS', { default: 900, min: 30, max: 86400, description: 'lifetime of access tokens' }),
    refreshTokenTtlDays: env.int('REFRESH_TOKEN_TTL_DAYS', { default: 30, min: 1, max: 365, description: 'lifetime of refresh tokens' }),
    invitationTtlDays: env.int('INVITATION_TTL_DAYS', { default: 14, min: 1, max: 365, description: 'lifetime of invitations' }),
    signInMaxFailures: env.int('SIGN_IN_MAX_FAILURES', { default: 5, min: 1, max: 1000, description: 'failed sign-ins per email before a pause (x10 per address)' }),
    jwtPrivateKey: env.optionalString('JWT_PRIVATE_KEY', { secret: true, description: 'Ed25519 private key (PEM) signing access tokens; unset: generated into the data dir' }),
    jwtPublicKey: env.optionalString('JWT_PUBLIC_KEY', { description: 'its public key (PEM), set together with JWT_PRIVATE_KEY' }),
    jwtKeyId: env.string('JWT_KEY_ID', { default: 'env', description: 'key id (kid) of the keys given by JWT_PRIVATE_KEY/JWT_PUBLIC_KEY' }),
    streamIdSecret: env.optionalString('IDENTITY_STREAM_ID_SECRET', {
      secret: true,
      pattern: /^([0-9a-fA-F]{2}){32,}$/,
      patternText: 'at least 32 bytes in hex',
      description: 'secret of the keyed hashes in email-claim stream ids; unset: generated into the data dir (keep it with the data)',
    }),
    signInWindowSeconds: env.int('SIGN_IN_WINDOW_SECONDS', { default: 900, min: 1, max: 86400, description: 'window of the sign-in limit' }),
  },
  projections: IDENTITY_PROJECTIONS,
  memoryReadModels: IDENTITY_MEMORY_READ_MODELS,
  outbound: { topics: IDENTITY_RELAY_TOPICS, map: identityOutboundMapper },
  personalData: IDENTITY_PERSONAL_DATA,
});

export type IdentityConfig = ServiceConfig<typeof identityService>;
