import { IllegalStateError, ValidationError } from '@opn/kernel';
import { DeciderSpecification } from '@opn/testing';
import { sirenClaimDecider, sirenClaimStreamId } from './siren-claim.decider';
import { SirenClaimed } from './siren-claim.events';

const spec = DeciderSpecification.for(sirenClaimDecider);
const T0 = '2025-03-01T09:00:00.000Z';

const claimed: SirenClaimed = {
  type: 'SirenClaimed',
  data: { siren: '732829320', companyId: 'company-1', claimedAt: T0 },
};

describe('sirenClaimStreamId', () => {
  it('is siren-<9 digits>', () => {
    expect(sirenClaimStreamId('732829320')).toBe('siren-732829320');
    expect(sirenClaimStreamId('732 829 320')).toBe('siren-732829320');
  });
});

describe('unclaimed SIREN', () => {
  it('ClaimSiren records the claim with the SIREN normalised', () => {
    spec
      .given([])
      .when({ type: 'ClaimSiren', data: { siren: '732 829 320', companyId: 'company-1', now: T0 } })
      .then([claimed]);
  });

  it('ClaimSiren refuses an invalid SIREN', () => {
    spec
      .given([])
      .when({ type: 'ClaimSiren', data: { siren: '732829321', companyId: 'company-1', now: T0 } })
      .thenThrows(ValidationError, /^siren: is not a valid SIREN/);
  });

  it('evolves into a claimed SIREN', () => {
    spec
      .given([])
      .when({ type: 'ClaimSiren', data: { siren: '732829320', companyId: 'company-1', now: T0 } })
      .thenState((s) => expect(s).toEqual({ status: 'claimed', siren: '732829320', companyId: 'company-1', claimedAt: T0 }));
  });
});

describe('claimed SIREN', () => {
  it('ClaimSiren by another company is refused', () => {
    spec
      .given([claimed])
      .when({ type: 'ClaimSiren', data: { siren: '732829320', companyId: 'company-2', now: T0 } })
      .thenThrows(IllegalStateError, /^a company with this SIREN is already registered$/);
  });

  it('ClaimSiren by the same company again changes nothing (safe retry)', () => {
    spec
      .given([claimed])
      .when({ type: 'ClaimSiren', data: { siren: '732829320', companyId: 'company-1', now: '2025-03-02T09:00:00.000Z' } })
      .thenNothingHappens();
  });
});
