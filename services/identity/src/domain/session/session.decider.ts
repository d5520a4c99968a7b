import { Decider, IllegalStateError, UnauthorizedError, assertNever, hasExpired, instant, invalid, isBefore, requiredToken, streamName, validateFields } from '@opn/kernel';
import { EndSession, RefreshSession, RevokeSession, SessionCommand, StartSession } from './session.commands';
import { SessionEvent, SessionRevocationReason } from './session.events';

export const USER_AGENT_MAX = 512;

export interface KnownSession {
  status: 'active' | 'ended' | 'revoked';
  id: string;
  personId: string;
  currentTokenHash: string;
  /** Every hash rotated away, oldest first: presenting one of them again is a reuse. */
  previousTokenHashes: string[];
  expiresAt: string;
  startedAt: string;
  userAgent?: string;
  revocationReason?: SessionRevocationReason;
}

export type SessionState = { status: 'none' } | KnownSession;

/** `session-<id>` */
export const sessionStreamId = (sessionId: string): string => streamName('session', sessionId);

export const initialState = (): SessionState => ({ status: 'none' });

export function evolve(state: SessionState, event: SessionEvent): SessionState {
  if (event.type === 'SessionStarted') {
    const { sessionId, personId, refreshTokenHash, expiresAt, startedAt, userAgent } = event.data;
    return {
      status: 'active',
      id: sessionId,
      personId,
      currentTokenHash: refreshTokenHash,
      previousTokenHashes: [],
      expiresAt,
      startedAt,
      ...(userAgent !== undefined ? { userAgent } : {}),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SessionRefreshed':
      return {
        ...state,
        previousTokenHashes: [...state.previousTokenHashes, state.currentTokenHash],
        currentTokenHash: event.data.refreshTokenHash,
        expiresAt: event.data.expiresAt,
      };
    case 'SessionRevoked':
      return { ...state, status: 'revoked', revocationReason: event.data.reason };
    case 'SessionEnded':
      return { ...state, status: 'ended' };
    default:
      return assertNever(event);
  }
}

export function decide(command: SessionCommand, state: SessionState): SessionEvent[] {
  switch (command.type) {
    case 'StartSession':
      return startSession(command, state);
    case 'RefreshSession':
      return refreshSession(command, state);
    case 'EndSession':
      return endSession(command, state);
    case 'RevokeSession':
      return revokeSession(command, state);
    default:
      return assertNever(command);
  }
}

function startSession({ data }: StartSession, state: SessionState): SessionEvent[] {
  if (state.status !== 'none') throw new IllegalStateError('session already started');
  const v = validateFields({
    sessionId: () => requiredToken(data.sessionId, 'sessionId'),
    personId: () => requiredToken(data.personId, 'personId'),
    refreshTokenHash: () => requiredToken(data.refreshTokenHash, 'refreshTokenHash'),
    now: () => instant(data.now, 'now'),
    expiresAt: () => instant(data.expiresAt, 'expiresAt'),
  });
  if (!isBefore(v.now, v.expiresAt)) throw invalid('expiresAt', 'must be after now');
  // The user agent is whatever the client sent: kept for display, cut rather than refused.
  const userAgent = typeof data.userAgent === 'string' ? data.userAgent.trim().slice(0, USER_AGENT_MAX) : undefined;
  return [
    {
      type: 'SessionStarted',
      data: {
        sessionId: v.sessionId,
        personId: v.personId,
        refreshTokenHash: v.refreshTokenHash,
        expiresAt: v.expiresAt,
        startedAt: v.now,
        ...(userAgent ? { userAgent } : {}),
      },
    },
  ];
}

function refreshSession({ data }: RefreshSession, state: SessionState): SessionEvent[] {
  if (state.status !== 'active') throw new UnauthorizedError('session not found or ended');
  const now = instant(data.now, 'now');
  if (state.previousTokenHashes.includes(data.presentedTokenHash)) {
    return [
      {
        type: 'SessionRevoked',
        data: { sessionId: state.id, personId: state.personId, reason: 'refresh_token_reuse', revokedAt: now },
      },
    ];
  }
  if (data.presentedTokenHash !== state.currentTokenHash) throw new UnauthorizedError('invalid refresh token');
  if (hasExpired(state.expiresAt, now)) throw new UnauthorizedError('refresh token expired');
  const v = validateFields({
    newTokenHash: () => requiredToken(data.newTokenHash, 'newTokenHash'),
    newExpiresAt: () => instant(data.newExpiresAt, 'newExpiresAt'),
  });
  if (v.newTokenHash === state.currentTokenHash || state.previousTokenHashes.includes(v.newTokenHash)) {
    throw invalid('newTokenHash', 'must be a fresh token');
  }
  if (!isBefore(now, v.newExpiresAt)) throw invalid('newExpiresAt', 'must be after now');
  return [
    {
      type: 'SessionRefreshed',
      data: {
        sessionId: state.id,
        personId: state.personId,
        refreshTokenHash: v.newTokenHash,
        expiresAt: v.newExpiresAt,
        refreshedAt: now,
      },
    },
  ];
}

function endSession({ data }: EndSession, state: SessionState): SessionEvent[] {
  if (state.status === 'none') throw new UnauthorizedError('session not found');
  if (state.status !== 'active') return [];
  const now = instant(data.now, 'now');
  return [{ type: 'SessionEnded', data: { sessionId: state.id, personId: state.personId, endedAt: now } }];
}

function revokeSession({ data }: RevokeSession, state: SessionState): SessionEvent[] {
  if (state.status !== 'active') return [];
  const now = instant(data.now, 'now');
  return [{ type: 'SessionRevoked', data: { sessionId: state.id, personId: state.personId, reason: data.reason, revokedAt: now } }];
}

export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = {
  initialState,
  evolve,
  decide,
};
