import { seededRandom } from '@opn/kernel';
import { boostedScore, fitBoostedRanking } from './boosted-ranking';
import { fitRanking, rankScore, RankingGroup } from './ranking-model';

/**
 * Groups of 10 candidates with two features in [0, 1); the one that links is the candidate whose
 * first feature is closest to 0.5 (a middle, not a "more is better"): a log-linear ranking cannot
 * express it, trees can.
 */
function groups(seed: number, count: number): RankingGroup[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const rows = Float64Array.from({ length: 20 }, () => random());
    let best = 0;
    for (let i = 1; i < 10; i++) if (Math.abs(rows[i * 2] - 0.5) < Math.abs(rows[best * 2] - 0.5)) best = i;
    const positive = new Uint8Array(10);
    positive[best] = 1;
    return { rows, positive };
  });
}

const hitRate = (test: RankingGroup[], score: (x: Float64Array) => number) =>
  test.filter((g) => {
    let top = 0;
    for (let i = 1; i < 10; i++) if (score(g.rows.subarray(i * 2, i * 2 + 2)) > score(g.rows.subarray(top * 2, top * 2 + 2))) top = i;
    return g.positive[top] === 1;
  }).length / test.length;

describe('boosted ranking', () => {
  it('learns a preference the log-linear ranking cannot express, measured on groups it did not see', () => {
    const train = groups(1, 600);
    const test = groups(2, 400);
    const linear = fitRanking(train, 2);
    const boosted = fitBoostedRanking(train, 2, linear, { trees: 40 });
    const linearHits = hitRate(test, (x) => rankScore(linear, x));
    const boostedHits = hitRate(test, (x) => boostedScore(boosted, x));
    // Chance is 0.1; the middle candidate is found far more often by the trees.
    expect(linearHits).toBeLessThan(0.3);
    expect(boostedHits).toBeGreaterThan(0.6);
  });

  it('starts from the log-linear ranking: with no tree, the scores are its scores', () => {
    const train = groups(3, 50);
    const linear = fitRanking(train, 2);
    const none = fitBoostedRanking(train, 2, linear, { trees: 0 });
    const x = Float64Array.of(0.3, 0.7);
    expect(boostedScore(none, x)).toBe(rankScore(linear, x));
  });
});
