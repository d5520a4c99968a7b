import { seededRandom } from '@opn/kernel';
import { peopleGraph, WarmPathFinder, warmPathsBruteForce } from './warm-paths';

function randomWorld(seed: number, people: number, tiesPerPerson: number, coarse: boolean) {
  const random = seededRandom(seed);
  const ids = Array.from({ length: people }, (_, i) => `p${i}`);
  const ties: { a: number; b: number; strength: number }[] = [];
  for (let i = 0; i < people * tiesPerPerson; i++) {
    const a = Math.floor(random() * people);
    const b = Math.floor(random() * people);
    // Coarse strengths (a few values) make equal strengths common, to check the tie-breaking.
    if (a !== b) ties.push({ a, b, strength: coarse ? [0.25, 0.5, 1][Math.floor(random() * 3)] : 0.05 + 0.95 * random() });
  }
  const brokers = ids.map((_, i) => i).filter(() => random() < 0.6);
  const company = ids.map((_, i) => i).filter(() => random() < 0.05);
  return { graph: peopleGraph(ids, ties, brokers), company, random };
}

describe('warm paths', () => {
  it('given a person who knows a broker who knows someone at the company, when asked, then the path is person-broker-target with the product of strengths', () => {
    const graph = peopleGraph(
      ['ana', 'bob', 'cyd', 'dan'],
      [
        { a: 0, b: 1, strength: 0.5 },
        { a: 1, b: 2, strength: 0.8 },
        { a: 0, b: 3, strength: 0.9 },
      ],
      [1],
    );
    // dan is no broker: ana-dan leads nowhere
    expect(new WarmPathFinder(graph).find(0, [2], 5)).toEqual([{ people: [0, 1, 2], strength: 0.4 }]);
  });

  it('given only people who did not consent in between, when asked, then there is no path', () => {
    const graph = peopleGraph(['ana', 'bob', 'cyd'], [{ a: 0, b: 1, strength: 1 }, { a: 1, b: 2, strength: 1 }], []);
    expect(new WarmPathFinder(graph).find(0, [2], 5)).toEqual([]);
  });

  it('given the person already knows someone at the company, then that direct tie is a path without broker', () => {
    const graph = peopleGraph(['ana', 'bob'], [{ a: 0, b: 1, strength: 0.3 }], []);
    expect(new WarmPathFinder(graph).find(0, [1], 5)).toEqual([{ people: [0, 1], strength: 0.3 }]);
  });

  it('never goes back through the person or the first broker, even when they are the best ending', () => {
    // bob's best tie to the company is ana herself (she works there): the path must end elsewhere.
    const graph = peopleGraph(
      ['ana', 'bob', 'cyd', 'dan'],
      [
        { a: 0, b: 1, strength: 1 },
        { a: 1, b: 2, strength: 1 },
        { a: 2, b: 0, strength: 1 },
        { a: 2, b: 3, strength: 0.1 },
      ],
      [1, 2],
    );
    const paths = new WarmPathFinder(graph).find(0, [0, 3], 5);
    expect(paths.every((p) => new Set(p.people).size === p.people.length)).toBe(true);
    expect(paths.map((p) => p.people)).toEqual([
      [0, 2, 3],
      [0, 1, 2, 3],
    ]);
  });

  it.each([
    [1, 300, 3, false],
    [2, 300, 6, false],
    [3, 500, 4, true],
    [4, 200, 10, true],
    [5, 1000, 2, false],
  ])('equals brute-force search on a random graph (seed %i, %i people, %i ties each, coarse %s)', (seed, people, tiesEach, coarse) => {
    const { graph, company, random } = randomWorld(seed, people, tiesEach, coarse);
    const finder = new WarmPathFinder(graph);
    let nonEmpty = 0;
    for (let q = 0; q < 60; q++) {
      const from = Math.floor(random() * people);
      const top = 1 + Math.floor(random() * 8);
      const brokers = q % 3;
      const fast = finder.find(from, company, top, brokers);
      expect(fast).toEqual(warmPathsBruteForce(graph, from, company, top, brokers));
      if (fast.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });
});
