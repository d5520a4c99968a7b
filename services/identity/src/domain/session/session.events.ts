import { DomainEvent } from '@opn/kernel';

export type SessionRevocationReason = 'refresh_token_reuse' | 'person_erased';

export type SessionStarted = DomainEvent<
  'SessionStarted',
  {
    sessionId: string;
    personId: string;
    /** Hash of the refresh token handed to the client; the token itself is never stored. */
    refreshTokenHash: string;
    expiresAt: string;
    startedAt: string;
    userAgent?: string;
  }
>;

/** The refresh token was rotated: the presented one becomes "previous", `refreshTokenHash` is current. */
export type SessionRefreshed = DomainEvent<
  'SessionRefreshed',
  { sessionId: string; personId: string; refreshTokenHash: string; expiresAt: string; refreshedAt: string }
>;

/** An already rotated refresh token came back: it was probably stolen, so the whole session dies. */
export type SessionRevoked = DomainEvent<
  'SessionRevoked',
  { sessionId: string; personId: string; reason: SessionRevocationReason; revokedAt: string }
>;

export type SessionEnded = DomainEvent<'SessionEnded', { sessionId: string; personId: string; endedAt: string }>;

export type SessionEvent = SessionStarted | SessionRefreshed | SessionRevoked | SessionEnded;

export type SessionEventType = SessionEvent['type'];
