import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it('allows up to max failures in the window, then asks to wait until the oldest expires', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    const t0 = 1_000_000;
    limiter.fail('a', t0);
    limiter.fail('a', t0 + 1000);
    expect(limiter.retryAfter('a', t0 + 2000)).toBe(0);
    limiter.fail('a', t0 + 2000);
    expect(limiter.retryAfter('a', t0 + 2000)).toBe(58);
    expect(limiter.retryAfter('b', t0 + 2000)).toBe(0);
    expect(limiter.retryAfter('a', t0 + 60_001)).toBe(0);
  });

  it('forgets a key on success', () => {
    const limiter = new AttemptLimiter(1, 60_000);
    limiter.fail('a', 0);
    expect(limiter.retryAfter('a', 1)).toBeGreaterThan(0);
    limiter.reset('a');
    expect(limiter.retryAfter('a', 1)).toBe(0);
  });
});
