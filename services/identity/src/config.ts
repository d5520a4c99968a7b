import { join } from 'node:path';

/** Configuration by environment variables only (see README, "Configuration"). */
export interface IdentityConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStoreUrl?: string;
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  platformAdminEmails: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  invitationTtlDays: number;
  /** Longest a command waits for its own read models before answering (read-your-writes). */
  readYourWritesMs: number;
  signInMaxFailures: number;
  signInWindowSeconds: number;
}

export function identityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
    return value;
  };
  return {
    port: num('IDENTITY_PORT', num('PORT', 3001)),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.IDENTITY_DATA_DIR ?? join(process.cwd(), '.data', 'identity'),
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    mongoUrl: env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017/',
    mongoDb: env.IDENTITY_MONGODB_DB ?? 'identity',
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    platformAdminEmails: (env.PLATFORM_ADMIN_EMAILS ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean),
    accessTokenTtlSeconds: num('ACCESS_TOKEN_TTL_SECONDS', 900),
    refreshTokenTtlDays: num('REFRESH_TOKEN_TTL_DAYS', 30),
    invitationTtlDays: num('INVITATION_TTL_DAYS', 14),
    readYourWritesMs: num('READ_YOUR_WRITES_MS', 2000),
    signInMaxFailures: num('SIGN_IN_MAX_FAILURES', 5),
    signInWindowSeconds: num('SIGN_IN_WINDOW_SECONDS', 900),
  };
}
