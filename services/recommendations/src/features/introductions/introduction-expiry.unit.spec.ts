import { introductionsToExpire } from './introduction-expiry';

describe('introductionsToExpire', () => {
  it('lists the pending introductions whose last step is at least the expiry time old', () => {
    const all = [
      { introductionId: 'old', status: 'pending' as const, updatedAt: '2026-01-01T00:00:00.000Z' },
      { introductionId: 'exactly', status: 'pending' as const, updatedAt: '2026-01-02T00:00:00.000Z' },
      { introductionId: 'recent', status: 'pending' as const, updatedAt: '2026-01-20T00:00:00.000Z' },
      { introductionId: 'over', status: 'accepted' as const, updatedAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect(introductionsToExpire(all, '2026-01-31T00:00:00.000Z', 29)).toEqual(['old', 'exactly']);
  });
});
