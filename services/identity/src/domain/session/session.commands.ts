export type StartSession = {
  type: 'StartSession';
  data: {
    sessionId: string;
    personId: string;
    refreshTokenHash: string;
    expiresAt: string;
    now: string;
    userAgent?: string;
  };
};

/**
 * Rotation: the presented hash must be the current one; the new token replaces it. Presenting an
 * already rotated hash revokes the session (an event, not an error: the caller records it, then
 * answers 401).
 */
export type RefreshSession = {
  type: 'RefreshSession';
  data: { presentedTokenHash: string; newTokenHash: string; newExpiresAt: string; now: string };
};

/** Sign-out. Idempotent. */
export type EndSession = {
  type: 'EndSession';
  data: { now: string };
};

/** Ends a session from outside (the person was erased). Idempotent. */
export type RevokeSession = {
  type: 'RevokeSession';
  data: { reason: 'person_erased'; now: string };
};

export type SessionCommand = StartSession | RefreshSession | EndSession | RevokeSession;
