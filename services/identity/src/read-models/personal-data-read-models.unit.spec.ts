import { FoldableProjection, TestProjectedEvent, foldDocuments, projectedEvents } from '@opn/testing';
import { peopleProjection } from './people/people.projection';
import { personSessionsProjection } from './person-sessions/person-sessions.projection';

const ev = projectedEvents();
/** The one document a stream's events make (or null once deleted). */
const fold = <D>(projection: FoldableProjection<D>, events: TestProjectedEvent[]): D | null => [...foldDocuments(projection, events).values()][0] ?? null;

// Projections are fed the raw log: personal values arrive sealed and are kept sealed.
const sealed = (label: string) => `pii:v1:cDE:iv:tag:${label}`;
const T0 = '2026-11-30T10:00:00.000Z';
const T1 = '2026-11-30T11:00:00.000Z';

describe('people read model and erasure', () => {
  const registered = ev('PersonRegistered', { personId: 'p1', email: sealed('email'), passwordHash: sealed('hash'), displayName: sealed('name'), locale: 'fr', registeredAt: T0 }, 'person-p1');
  const updated = ev('PersonProfileUpdated', { personId: 'p1', changes: { headline: sealed('headline'), phone: sealed('phone') }, updatedAt: T0 }, 'person-p1');
  const consent = ev('ConsentGiven', { personId: 'p1', purpose: 'analytics', policyVersion: '1', givenAt: T0 }, 'person-p1');
  const role = ev('PlatformRoleGranted', { personId: 'p1', role: 'territory_coordinator', grantedBy: 'p0', grantedAt: T0 }, 'person-p1');
  const erased = ev('PersonErased', { personId: 'p1', erasedBy: 'p1', by: 'self', erasedAt: T1 }, 'person-p1');

  it('keeps sealed values as they came, never credentials', () => {
    const doc = fold(peopleProjection, [registered, updated]);
    expect(doc).toMatchObject({ email: sealed('email'), displayName: sealed('name'), headline: sealed('headline'), phone: sealed('phone') });
    expect(JSON.stringify(doc)).not.toContain('hash');
  });

  it('an erased person keeps only the id and dates: no email, name, headline, phone, consents or roles', () => {
    expect(fold(peopleProjection, [registered, updated, consent, role, erased])).toEqual({
      personId: 'p1',
      email: '[erased]',
      displayName: '[erased]',
      locale: 'fr',
      platformRoles: [],
      consents: {},
      registeredAt: T0,
      updatedAt: T1,
      erasedAt: T1,
    });
  });
});

describe('person sessions read model', () => {
  const started = ev('SessionStarted', { sessionId: 's1', personId: 'p1', refreshTokenHash: 'h0', expiresAt: T1, startedAt: T0, userAgent: sealed('agent') }, 'session-s1');

  it('follows a session to its revocation, without token hashes', () => {
    const doc = fold(personSessionsProjection, [
      started,
      ev('SessionRefreshed', { sessionId: 's1', personId: 'p1', refreshTokenHash: 'h1', expiresAt: '2026-12-30T10:00:00.000Z', refreshedAt: T0 }, 'session-s1'),
      ev('SessionRevoked', { sessionId: 's1', personId: 'p1', reason: 'person_erased', revokedAt: T1 }, 'session-s1'),
    ]);
    expect(doc).toEqual({
      sessionId: 's1',
      personId: 'p1',
      status: 'revoked',
      startedAt: T0,
      expiresAt: '2026-12-30T10:00:00.000Z',
      userAgent: sealed('agent'),
      closedAt: T1,
      revocationReason: 'person_erased',
    });
    expect(JSON.stringify(doc)).not.toMatch(/h0|h1/);
  });

  it('a sign-out ends it', () => {
    expect(fold(personSessionsProjection, [started, ev('SessionEnded', { sessionId: 's1', personId: 'p1', endedAt: T1 }, 'session-s1')])).toMatchObject({ status: 'ended', closedAt: T1 });
  });
});
