import { IllegalStateError, UnauthorizedError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { SessionCommand, StartSession } from './session.commands';
import { KnownSession, sessionDecider, sessionStreamId } from './session.decider';
import { SessionEvent, SessionRefreshed, SessionStarted } from './session.events';

const spec = DeciderSpecification.for(sessionDecider);

const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-03-02T09:00:00.000Z';
const T2 = '2025-03-03T09:00:00.000Z';
const EXP0 = '2025-03-31T09:00:00.000Z';
const EXP1 = '2025-04-01T09:00:00.000Z';
const EXP2 = '2025-04-02T09:00:00.000Z';
const AFTER_EXP0 = '2025-03-31T09:00:00.001Z';

const sessionId = 's-1';
const personId = 'p-marie';

const start: StartSession = {
  type: 'StartSession',
  data: { sessionId, personId, refreshTokenHash: 'h0', expiresAt: EXP0, now: T0, userAgent: ' Mozilla/5.0 ' },
};
const started: SessionStarted = {
  type: 'SessionStarted',
  data: { sessionId, personId, refreshTokenHash: 'h0', expiresAt: EXP0, startedAt: T0, userAgent: 'Mozilla/5.0' },
};
const refreshed = (hash: string, expiresAt: string, at: string): SessionRefreshed => ({
  type: 'SessionRefreshed',
  data: { sessionId, personId, refreshTokenHash: hash, expiresAt, refreshedAt: at },
});
const refresh = (presentedTokenHash: string, newTokenHash: string, now: string, newExpiresAt = EXP2): SessionCommand => ({
  type: 'RefreshSession',
  data: { presentedTokenHash, newTokenHash, newExpiresAt, now },
});
const end = (now = T2): SessionCommand => ({ type: 'EndSession', data: { now } });
const revokedForReuse = (at: string): SessionEvent => ({
  type: 'SessionRevoked',
  data: { sessionId, personId, reason: 'refresh_token_reuse', revokedAt: at },
});

describe('sessionStreamId', () => {
  it('is session-<id>', () => expect(sessionStreamId('abc')).toBe('session-abc'));
});

describe('no session', () => {
  describe('StartSession', () => {
    it('records the session with the user agent trimmed', () => {
      spec.given([]).when(start).then([started]);
    });

    it('omits a missing user agent and cuts a long one', () => {
      const { userAgent: _ua, ...withoutUa } = started.data;
      spec.given([]).when({ type: 'StartSession', data: { ...start.data, userAgent: undefined } }).then([{ type: 'SessionStarted', data: withoutUa }]);
      spec
        .given([])
        .when({ type: 'StartSession', data: { ...start.data, userAgent: 'x'.repeat(600) } })
        .then([{ type: 'SessionStarted', data: { ...withoutUa, userAgent: 'x'.repeat(512) } }]);
    });

    it('evolves into an active session', () => {
      spec
        .given([])
        .when(start)
        .thenState((s) =>
          expect(s).toEqual({
            status: 'active',
            id: sessionId,
            personId,
            currentTokenHash: 'h0',
            previousTokenHashes: [],
            expiresAt: EXP0,
            startedAt: T0,
            userAgent: 'Mozilla/5.0',
          }),
        );
    });

    it('refuses an expiry that is not after now', () => {
      spec.given([]).when({ type: 'StartSession', data: { ...start.data, expiresAt: T0 } }).thenThrows(ValidationError, /^expiresAt: must be after now$/);
    });

    it('refuses missing ids and hash', () => {
      spec
        .given([])
        .when({ type: 'StartSession', data: { ...start.data, personId: '', refreshTokenHash: '' } })
        .thenThrows(ValidationError, (e) =>
          expect(e.details).toEqual([
            { field: 'personId', message: 'is required' },
            { field: 'refreshTokenHash', message: 'is required' },
          ]),
        );
    });
  });

  it('RefreshSession is unauthorised', () => {
    spec.given([]).when(refresh('h0', 'h1', T1)).thenThrows(UnauthorizedError, /session not found/);
  });

  it('EndSession is unauthorised', () => {
    spec.given([]).when(end()).thenThrows(UnauthorizedError, /^session not found$/);
  });
});

describe('active session', () => {
  it('StartSession again is refused', () => {
    spec.given([started]).when(start).thenThrows(IllegalStateError, /^session already started$/);
  });

  describe('RefreshSession', () => {
    it('rotates the token when the current one is presented', () => {
      spec.given([started]).when(refresh('h0', 'h1', T1, EXP1)).then([refreshed('h1', EXP1, T1)]);
    });

    it('keeps the rotated hash as a previous one', () => {
      spec
        .given([started])
        .when(refresh('h0', 'h1', T1, EXP1))
        .thenState((s) => {
          const session = s as KnownSession;
          expect(session.currentTokenHash).toBe('h1');
          expect(session.previousTokenHashes).toEqual(['h0']);
          expect(session.expiresAt).toBe(EXP1);
        });
    });

    it('refuses an expired token', () => {
      spec.given([started]).when(refresh('h0', 'h1', AFTER_EXP0)).thenThrows(UnauthorizedError, /^refresh token expired$/);
      spec.given([started]).when(refresh('h0', 'h1', EXP0)).thenThrows(UnauthorizedError, /^refresh token expired$/);
    });

    it('refuses an unknown token without revoking the session', () => {
      spec.given([started]).when(refresh('h-forged', 'h1', T1)).thenThrows(UnauthorizedError, /^invalid refresh token$/);
    });

    it('refuses a new token that is not fresh or a new expiry in the past', () => {
      spec.given([started]).when(refresh('h0', 'h0', T1)).thenThrows(ValidationError, /^newTokenHash: must be a fresh token$/);
      spec.given([started]).when(refresh('h0', 'h1', T1, T0)).thenThrows(ValidationError, /^newExpiresAt: must be after now$/);
    });
  });

  describe('EndSession', () => {
    it('ends it', () => {
      spec.given([started]).when(end()).then([{ type: 'SessionEnded', data: { sessionId, personId, endedAt: T2 } }]);
    });
    it('evolves into an ended session', () => {
      spec.given([started]).when(end()).thenState((s) => expect(s.status).toBe('ended'));
    });
  });
});

describe('active session after rotations (h0 -> h1 -> h2)', () => {
  const rotated: SessionEvent[] = [started, refreshed('h1', EXP1, T1), refreshed('h2', EXP2, T2)];
  const LATER = '2025-03-10T09:00:00.000Z';

  it('RefreshSession with the current token rotates again', () => {
    spec.given(rotated).when(refresh('h2', 'h3', LATER, EXP2)).then([refreshed('h3', EXP2, LATER)]);
  });

  it.each(['h0', 'h1'])('RefreshSession with the rotated token %s revokes the session (reuse)', (old) => {
    spec.given(rotated).when(refresh(old, 'h3', LATER)).then([revokedForReuse(LATER)]);
  });

  it('reuse is detected even after the session expired', () => {
    const afterExpiry = '2025-05-01T09:00:00.000Z';
    spec.given(rotated).when(refresh('h1', 'h3', afterExpiry)).then([revokedForReuse(afterExpiry)]);
  });

  it('a revoked session keeps its reason', () => {
    spec
      .given(rotated)
      .when(refresh('h0', 'h3', LATER))
      .thenState((s) => {
        expect(s.status).toBe('revoked');
        expect((s as KnownSession).revocationReason).toBe('refresh_token_reuse');
      });
  });

  it('the current expiry follows the last rotation', () => {
    spec
      .given(rotated)
      .when(refresh('h2', 'h3', '2025-04-02T09:00:00.000Z'))
      .thenThrows(UnauthorizedError, /^refresh token expired$/);
  });
});

describe('revoked session', () => {
  const revoked: SessionEvent[] = [started, refreshed('h1', EXP1, T1), revokedForReuse(T2)];

  it('RefreshSession with the last current token is unauthorised', () => {
    spec.given(revoked).when(refresh('h1', 'h2', T2)).thenThrows(UnauthorizedError, /session not found or ended/);
  });

  it('RefreshSession with an old token is unauthorised (no second revocation)', () => {
    spec.given(revoked).when(refresh('h0', 'h2', T2)).thenThrows(UnauthorizedError);
  });

  it('EndSession changes nothing', () => {
    spec.given(revoked).when(end()).thenNothingHappens();
  });

  it('StartSession is refused', () => {
    spec.given(revoked).when(start).thenThrows(IllegalStateError);
  });
});

describe('ended session', () => {
  const ended: SessionEvent[] = [started, { type: 'SessionEnded', data: { sessionId, personId, endedAt: T1 } }];

  it('RefreshSession is unauthorised', () => {
    spec.given(ended).when(refresh('h0', 'h1', T1)).thenThrows(UnauthorizedError, /^session not found or ended$/);
  });

  it('EndSession changes nothing (idempotent)', () => {
    spec.given(ended).when(end()).thenNothingHappens();
  });

  it('StartSession is refused', () => {
    spec.given(ended).when(start).thenThrows(IllegalStateError, /^session already started$/);
  });
});

describe('revocation on erasure', () => {
  const revokeForErasure: SessionCommand = { type: 'RevokeSession', data: { reason: 'person_erased', now: T1 } };

  it('an active session is revoked', () => {
    spec
      .given([started])
      .when(revokeForErasure)
      .then([{ type: 'SessionRevoked', data: { sessionId, personId, reason: 'person_erased', revokedAt: T1 } }]);
  });

  it('an ended, revoked or unknown session: nothing happens', () => {
    spec.given([started, { type: 'SessionEnded', data: { sessionId, personId, endedAt: T0 } }]).when(revokeForErasure).thenNothingHappens();
    spec.given([started, revokedForReuse(T0)]).when(revokeForErasure).thenNothingHappens();
    spec.given([]).when(revokeForErasure).thenNothingHappens();
  });

  it('a revoked session refuses refresh', () => {
    spec
      .given([started, { type: 'SessionRevoked', data: { sessionId, personId, reason: 'person_erased', revokedAt: T1 } }])
      .when(refresh('h0', 'h1', T2))
      .thenThrows(UnauthorizedError);
  });
});
