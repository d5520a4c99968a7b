import * as domain from './index';

describe('identity domain public API', () => {
  it('exposes one decider per aggregate with stream-name helpers', () => {
    for (const d of [domain.companyDecider, domain.personDecider, domain.emailClaimDecider, domain.sirenClaimDecider, domain.sessionDecider]) {
      expect(typeof d.decide).toBe('function');
      expect(typeof d.evolve).toBe('function');
      expect(typeof d.initialState).toBe('function');
    }
    expect(domain.companyStreamId('1')).toBe('company-1');
    expect(domain.personStreamId('1')).toBe('person-1');
    expect(domain.sessionStreamId('1')).toBe('session-1');
    expect(domain.sirenClaimStreamId('732829320')).toBe('siren-732829320');
    expect(domain.emailClaimStreamId('a@b.fr', 'secret')).toMatch(/^email-[0-9a-f]{64}$/);
  });

  it('exposes the value-object checks', () => {
    expect(domain.isValidSiren('732829320')).toBe(true);
    expect(domain.isValidSiret('73282932000074')).toBe(true);
    expect(domain.normaliseNafCode('6201Z')).toBe('62.01Z');
    expect(domain.isSizeBand('10-49')).toBe(true);
  });
});
