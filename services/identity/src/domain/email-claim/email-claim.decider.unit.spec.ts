import { createHash } from 'node:crypto';
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
  it('is email-<sha256 hex of the normalised email>', () => {
    const hex = createHash('sha256').update('marie@example.fr').digest('hex');
    expect(emailClaimStreamId('marie@example.fr')).toBe(`email-${hex}`);
    expect(emailClaimStreamId('  Marie@Example.FR ')).toBe(`email-${hex}`);
    expect(emailClaimStreamId('marie@example.fr')).toMatch(/^email-[0-9a-f]{64}$/);
  });

  it('differs per email', () => {
    expect(emailClaimStreamId('a@example.fr')).not.toBe(emailClaimStreamId('b@example.fr'));
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
