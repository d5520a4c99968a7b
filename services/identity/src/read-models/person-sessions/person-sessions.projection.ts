import { DocumentProjection } from '@opn/projections';
import type { SessionEvent } from '../../domain';

export interface PersonSessionDocument {
  sessionId: string;
  personId: string;
  status: 'active' | 'ended' | 'revoked';
  startedAt: string;
  expiresAt: string;
  /** Sealed in the log and here; opened by the query. */
  userAgent?: string;
  closedAt?: string;
  revocationReason?: string;
}

export const PERSON_SESSIONS = 'person_sessions';

/** Each person's sign-in sessions (never the token hashes): for their data export and for revoking them all on erasure. */
export const personSessionsProjection: DocumentProjection<PersonSessionDocument> = {
  name: 'identity.person-sessions',
  collection: PERSON_SESSIONS,
  handles: ['SessionStarted', 'SessionRefreshed', 'SessionEnded', 'SessionRevoked'],
  documentId: (e) => (e.data as { sessionId: string }).sessionId,
  apply: (doc, e) => {
    const event = e as unknown as SessionEvent;
    switch (event.type) {
      case 'SessionStarted': {
        const { sessionId, personId, startedAt, expiresAt, userAgent } = event.data;
        return { sessionId, personId, status: 'active', startedAt, expiresAt, ...(userAgent === undefined ? {} : { userAgent }) };
      }
      case 'SessionRefreshed':
        return doc && { ...doc, expiresAt: event.data.expiresAt };
      case 'SessionEnded':
        return doc && { ...doc, status: 'ended', closedAt: event.data.endedAt };
      case 'SessionRevoked':
        return doc && { ...doc, status: 'revoked', closedAt: event.data.revokedAt, revocationReason: event.data.reason };
      default:
        return doc;
    }
  },
  indexes: [{ fields: { personId: 1, startedAt: 1 } }],
};
