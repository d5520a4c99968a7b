import { createHash, createHmac } from 'node:crypto';
import { IllegalStateError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { emailClaimDecider, emailClaimStreamId } from './email-claim.decider';
import { EmailClaimed } from './email-claim.events';

const spec = DeciderSpecification.for(emailClaimDecider);
const T0 = '2025-03-01T09:00:00.000Z';

const claimed: EmailClaimed = {
  type: 'EmailClaimed',
  data: { email: 'marie@example.fr', personId: 'p-marie', claimedAt: T0 },
};

describe('emailClaimStreamId', () => {
  const secret = 'stream-id-secret';
  it('is email-<HMAC-SHA256 hex of the normalised email under the secret>', () => {
    const hex = createHmac('sha256', secret).update('marie@example.fr').digest('hex');
    expect(emailClaimStreamId('marie@example.fr', secret)).toBe(`email-${hex}`);
    expect(emailClaimStreamId('  Marie@Example.FR ', secret)).toBe(`email-${hex}`);
    expect(emailClaimStreamId('marie@example.fr', secret)).toMatch(/^email-[0-9a-f]{64}$/);
  });

  it('differs per email and per secret, and is not the plain (guessable) sha256', () => {
    expect(emailClaimStreamId('a@example.fr', secret)).not.toBe(emailClaimStreamId('b@example.fr', secret));
    expect(emailClaimStreamId('a@example.fr', secret)).not.toBe(emailClaimStreamId('a@example.fr', 'another secret'));
    expect(emailClaimStreamId('a@example.fr', secret)).not.toBe(`email-${createHash('sha256').update('a@example.fr').digest('hex')}`);
  });
});

describe('unclaimed email', () => {
  it('ClaimEmail records the claim with the email normalised', () => {
    spec
      .given([])
      .when({ type: 'ClaimEmail', data: { email: ' Marie@Example.fr', personId: 'p-marie', now: T0 } })
      .then([claimed]);
  });

  it('ClaimEmail refuses an invalid email', () => {
    spec
      .given([])
      .when({ type: 'ClaimEmail', data: { email: 'marie', personId: 'p-marie', now: T0 } })
      .thenThrows(ValidationError, /^email: /);
  });

  it('evolves into a claimed email', () => {
    spec
      .given([])
      .when({ type: 'ClaimEmail', data: { email: 'marie@example.fr', personId: 'p-marie', now: T0 } })
      .thenState((s) => expect(s).toEqual({ status: 'claimed', email: 'marie@example.fr', personId: 'p-marie', claimedAt: T0 }));
  });
});

describe('claimed email', () => {
  it('ClaimEmail by another person is refused', () => {
    spec
      .given([claimed])
      .when({ type: 'ClaimEmail', data: { email: 'marie@example.fr', personId: 'p-impostor', now: T0 } })
      .thenThrows(IllegalStateError, /^email already registered$/);
  });

  it('ClaimEmail by the same person again changes nothing (safe retry)', () => {
    spec
      .given([claimed])
      .when({ type: 'ClaimEmail', data: { email: 'MARIE@example.fr', personId: 'p-marie', now: '2025-03-02T09:00:00.000Z' } })
      .thenNothingHappens();
  });
});

describe('released email', () => {
  const released = { type: 'EmailReleased' as const, data: { personId: 'p-marie', releasedAt: '2025-03-02T09:00:00.000Z' } };

  it('ReleaseEmail by the holder frees the address', () => {
    spec
      .given([claimed])
      .when({ type: 'ReleaseEmail', data: { personId: 'p-marie', now: '2025-03-02T09:00:00.000Z' } })
      .then([released]);
  });

  it('ReleaseEmail by anyone else, or of a free address, changes nothing', () => {
    spec.given([claimed]).when({ type: 'ReleaseEmail', data: { personId: 'p-other', now: T0 } }).thenNothingHappens();
    spec.given([claimed, released]).when({ type: 'ReleaseEmail', data: { personId: 'p-marie', now: T0 } }).thenNothingHappens();
  });

  it('a released address can be claimed again by another person', () => {
    spec
      .given([claimed, released])
      .when({ type: 'ClaimEmail', data: { email: 'marie@example.fr', personId: 'p-new', now: T0 } })
      .then([{ type: 'EmailClaimed', data: { email: 'marie@example.fr', personId: 'p-new', claimedAt: T0 } }]);
  });
});
