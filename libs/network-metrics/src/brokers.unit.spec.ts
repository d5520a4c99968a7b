import { Broker, brokers } from './brokers';
import { EdgeInput, Graph, graphFromEdges } from './graph';
import { prng } from './reference.spec';

const clique = (prefix: string, size: number): EdgeInput[] => {
  const edges: EdgeInput[] = [];
  for (let i = 1; i <= size; i++) for (let j = i + 1; j <= size; j++) edges.push({ source: `${prefix}${i}`, target: `${prefix}${j}` });
  return edges;
};

describe('brokers', () => {
  it('star: the centre brokers every pair of leaves in different groups, minus the tied ones', () => {
    const leaves = { l1: 'A', l2: 'A', l3: 'B', l4: 'C' };
    const star = graphFromEdges(Object.keys(leaves).map((leaf) => ({ source: 'c', target: leaf })));
    // C(4,2) = 6 pairs, l1-l2 in the same group: 5; 3 groups around c
    expect(brokers(star, { c: 'hub', ...leaves })).toEqual([{ id: 'c', group: 'hub', brokeredPairs: 5, neighbourGroups: 3, degree: 4 }]);
    // tie l1-l3: c no longer brokers it (4); l1 and l3 see c and each other, tied: nothing
    const tied = graphFromEdges([...Object.keys(leaves).map((leaf) => ({ source: 'c', target: leaf })), { source: 'l1', target: 'l3' }]);
    expect(brokers(tied, { c: 'hub', ...leaves })).toEqual([{ id: 'c', group: 'hub', brokeredPairs: 4, neighbourGroups: 3, degree: 4 }]);
  });

  it('two K4 joined through x: x brokers a1-b1; b1 brokers x (group A) with b2, b3, b4; a1 nothing (all of A)', () => {
    const g = graphFromEdges([...clique('a', 4), ...clique('b', 4), { source: 'x', target: 'a1' }, { source: 'x', target: 'b1' }]);
    const groups = { a1: 'A', a2: 'A', a3: 'A', a4: 'A', x: 'A', b1: 'B', b2: 'B', b3: 'B', b4: 'B' };
    expect(brokers(g, groups)).toEqual([
      { id: 'b1', group: 'B', brokeredPairs: 3, neighbourGroups: 2, degree: 4 },
      { id: 'x', group: 'A', brokeredPairs: 1, neighbourGroups: 2, degree: 2 },
    ]);
  });

  it('a clique has no broker; a path brokers each pair of neighbours in different groups', () => {
    const k = graphFromEdges(clique('k', 5));
    expect(brokers(k, { k1: 'A', k2: 'B', k3: 'C', k4: 'D', k5: 'E' })).toEqual([]);
    const path = graphFromEdges([...'abcde'].slice(1).map((id, i) => ({ source: 'abcde'[i], target: id })));
    expect(brokers(path, { a: 'X', b: 'X', c: 'Y', d: 'Y', e: 'Y' }).map((b) => [b.id, b.brokeredPairs])).toEqual([
      ['b', 1], // a (X) - c (Y)
      ['c', 1], // b (X) - d (Y)
    ]);
  });

  it('neighbours of unknown group (null or missing) are left out; a broker of unknown group is reported with group null', () => {
    const star = graphFromEdges(['l1', 'l2', 'l3', 'l4'].map((leaf) => ({ source: 'c', target: leaf })));
    // l3 null, l4 missing: only l1 (A) - l2 (B)
    expect(brokers(star, { l1: 'A', l2: 'B', l3: null })).toEqual([{ id: 'c', group: null, brokeredPairs: 1, neighbourGroups: 2, degree: 4 }]);
  });

  it('sorts by count descending then id, and cuts at limit (default 20)', () => {
    // 25 stars s00..s24 with 2..6 leaves in alternate groups: L leaves give floor(L/2) ceil(L/2) pairs
    // (1, 2, 4, 6, 9), five stars of each size: ties broken by id
    const edges: EdgeInput[] = [];
    const groups: Record<string, string> = {};
    for (let k = 0; k < 25; k++) {
      const centre = `s${String(24 - k).padStart(2, '0')}`;
      groups[centre] = 'centre';
      for (let l = 0; l < (k % 5) + 2; l++) {
        edges.push({ source: centre, target: `${centre}-${l}` });
        groups[`${centre}-${l}`] = l % 2 ? 'odd' : 'even';
      }
    }
    const g = graphFromEdges(edges);
    const all = brokers(g, groups, { limit: Infinity });
    expect(all).toHaveLength(25);
    const expected = [...all].sort((a, b) => b.brokeredPairs - a.brokeredPairs || (a.id < b.id ? -1 : 1));
    expect(all).toEqual(expected);
    expect(all.map((b) => b.brokeredPairs)).toEqual([...Array(5).fill(9), ...Array(5).fill(6), ...Array(5).fill(4), ...Array(5).fill(2), ...Array(5).fill(1)]);
    expect(all.slice(0, 5).map((b) => b.id)).toEqual(['s00', 's05', 's10', 's15', 's20']);
    expect(brokers(g, groups)).toEqual(all.slice(0, 20));
    expect(brokers(g, groups, { limit: 3 })).toEqual(all.slice(0, 3));
    expect(() => brokers(g, groups, { limit: -1 })).toThrow(RangeError);
  });

  it('equals a brute-force count over every pair of neighbours on 30 random graphs', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = prng(seed);
      const n = 5 + Math.floor(rnd() * 60);
      const groupNames = ['A', 'B', 'C', 'D'].slice(0, 1 + Math.floor(rnd() * 4));
      const groups: Record<string, string | null> = {};
      for (let i = 0; i < n; i++) if (rnd() > 0.1) groups[`v${i}`] = rnd() < 0.1 ? null : groupNames[Math.floor(rnd() * groupNames.length)];
      const edges: EdgeInput[] = [];
      const seen = new Set<string>();
      const p = 0.05 + rnd() * 0.4;
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rnd() < p && !seen.has(`${a}-${b}`)) {
        seen.add(`${a}-${b}`);
        edges.push({ source: `v${a}`, target: `v${b}` });
      }
      const g = graphFromEdges(edges, Array.from({ length: n }, (_, i) => `v${i}`));
      expect(brokers(g, groups, { limit: Infinity })).toEqual(bruteForce(g, groups));
    }
  });
});

/** Every pair of neighbours, looked up in a set of "a|b" strings: O(n * deg^2), independent of the marker array. */
function bruteForce(g: Graph, groups: Record<string, string | null>): Broker[] {
  const tied = new Set<string>();
  for (let e = 0; e < g.edgeCount; e++) {
    const [a, b] = [g.ids[g.edgeSources[e]], g.ids[g.edgeTargets[e]]];
    tied.add(`${a}|${b}`).add(`${b}|${a}`);
  }
  const out: Broker[] = [];
  g.ids.forEach((id, i) => {
    const around = [...g.neighbours.subarray(g.offsets[i], g.offsets[i + 1])].map((j) => g.ids[j]);
    const known = around.filter((j) => groups[j] != null);
    let pairs = 0;
    for (let x = 0; x < known.length; x++)
      for (let y = x + 1; y < known.length; y++) if (groups[known[x]] !== groups[known[y]] && !tied.has(`${known[x]}|${known[y]}`)) pairs++;
    if (pairs > 0) out.push({ id, group: groups[id] ?? null, brokeredPairs: pairs, neighbourGroups: new Set(known.map((j) => groups[j])).size, degree: around.length });
  });
  return out.sort((a, b) => b.brokeredPairs - a.brokeredPairs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
