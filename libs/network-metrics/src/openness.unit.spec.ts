import { GraphBuilder, graphFromEdges } from './graph';
import { NetworkInputError } from './errors';
import { OpennessReport, openness } from './openness';
import { Fixture, fixtures, graphOfFixture } from './reference.spec';
import { expectSameReport } from './same-report.spec';

const reportOf = (f: Fixture) => openness(graphOfFixture(f), f.groups);

const node = (r: OpennessReport, id: string) => r.nodes.find((n) => n.id === id)!;

describe('openness against networkx (reference/fixtures.json)', () => {
  it.each(Object.keys(fixtures))('%s', (name) => {
    expectSameReport(reportOf(fixtures[name]), fixtures[name].expected);
  });
});

describe('openness: closed forms derived by hand', () => {
  it('clique K5: constraint (n-1)((1/(n-1)) + (n-2)/(n-1)^2)^2 = 4 (1/4 + 3/16)^2 = 49/64, effective size 1, all edges internal', () => {
    const r = reportOf(fixtures.clique);
    for (const n of r.nodes) {
      expect(n.degree).toBe(4);
      expect(n.constraint).toBeCloseTo(49 / 64, 12);
      expect(n.effectiveSize).toBeCloseTo(1, 12); // Borgatti: n - 2t/n = 4 - 2*6/4
    }
    expect(r.groups).toEqual([{ group: 'g', internal: 10, external: 0, ei: -1 }]);
    expect(r.ei).toBe(-1);
  });

  it('star with 5 leaves: centre constraint 5 (1/5)^2 = 1/5 and effective size 5; leaves 1 and 1; an isolated node gets nulls', () => {
    const r = reportOf(fixtures.star);
    expect(node(r, 'c')).toEqual({ id: 'c', degree: 5, constraint: expect.closeTo(1 / 5, 12), effectiveSize: expect.closeTo(5, 12) });
    for (const leaf of ['l1', 'l2', 'l3', 'l4', 'l5']) expect(node(r, leaf)).toEqual({ id: leaf, degree: 1, constraint: 1, effectiveSize: 1 });
    expect(node(r, 'z')).toEqual({ id: 'z', degree: 0, constraint: null, effectiveSize: null });
    // every edge joins hub and spokes: both groups and the whole graph are fully external
    expect(r.groups).toEqual([
      { group: 'alone', internal: 0, external: 0, ei: null },
      { group: 'hub', internal: 0, external: 5, ei: 1 },
      { group: 'spokes', internal: 0, external: 5, ei: 1 },
    ]);
    expect(r.ei).toBe(1);
  });

  it('two triangles joined by a broker: E-I per group and whole graph, the broker least constrained', () => {
    const r = reportOf(fixtures.broker);
    // A = triangle a1 a2 a3 + x-a1: 4 internal, x-b1 external; B = triangle: 3 internal, 1 external
    expect(r.groups).toEqual([
      { group: 'A', internal: 4, external: 1, ei: (1 - 4) / 5 },
      { group: 'B', internal: 3, external: 1, ei: (1 - 3) / 4 },
    ]);
    expect(r.ei).toBeCloseTo((1 - 7) / 8, 12);
    // x: two unconnected contacts, p = 1/2 each: 2 (1/2)^2 = 1/2; effective size 2
    expect(node(r, 'x').constraint).toBeCloseTo(1 / 2, 12);
    expect(node(r, 'x').effectiveSize).toBeCloseTo(2, 12);
    // a1: contacts a2, a3, x (p = 1/3); c(a1,a2) = (1/3 + 1/3 * 1/2)^2 = 1/4 (via a3), same for a3;
    // c(a1,x) = (1/3)^2 = 1/9: 1/2 + 1/9 = 11/18; effective size 3 - 2*1/3 = 7/3
    expect(node(r, 'a1').constraint).toBeCloseTo(11 / 18, 12);
    expect(node(r, 'a1').effectiveSize).toBeCloseTo(7 / 3, 12);
    // a2: contacts a1, a3 (p = 1/2), tied; c(a2,a1) = (1/2 + p(a2,a3) p(a3,a1))^2 = (1/2 + 1/4)^2 = 9/16,
    // c(a2,a3) = (1/2 + p(a2,a1) p(a1,a3))^2 = (1/2 + 1/6)^2 = 4/9 (a1 has 3 contacts): 145/144;
    // effective size 2 - 2*1/2 = 1
    expect(node(r, 'a2').constraint).toBeCloseTo(9 / 16 + 4 / 9, 12);
    expect(node(r, 'a2').effectiveSize).toBeCloseTo(1, 12);
    expect(Math.min(...r.nodes.map((n) => n.constraint!))).toBe(node(r, 'x').constraint);
  });

  it('weighted graph: proportional tie strengths', () => {
    const r = reportOf(fixtures.weighted);
    // a: ties b (3), c (1): p_ab = 3/4, p_ac = 1/4; p_cb = 2/7 (c: a1 b2 d4), p_bc = 2/5 (b: a3 c2)
    // c(a,b) = (3/4 + 1/4 * 2/7)^2 = (23/28)^2; c(a,c) = (1/4 + 3/4 * 2/5)^2 = (11/20)^2
    expect(node(r, 'a').constraint).toBeCloseTo((23 / 28) ** 2 + (11 / 20) ** 2, 12);
    // effective size: (1 - p_ac m_bc) + (1 - p_ab m_cb), m_bc = 2/3 (b's max 3), m_cb = 2/4 (c's max 4)
    expect(node(r, 'a').effectiveSize).toBeCloseTo(1 - (1 / 4) * (2 / 3) + 1 - (3 / 4) * (2 / 4), 12);
    // d: ties c (4), e (1), not tied to each other: 0.8^2 + 0.2^2 = 0.68, effective size 2
    expect(node(r, 'd').constraint).toBeCloseTo(0.68, 12);
    expect(node(r, 'd').effectiveSize).toBeCloseTo(2, 12);
    expect(node(r, 'z')).toEqual({ id: 'z', degree: 0, constraint: null, effectiveSize: null });
    // E-I ignores weights: A {a-b} internal, {a-c, b-c} external; B {c-d, d-e} internal
    expect(r.groups.map((g) => [g.group, g.internal, g.external, g.ei])).toEqual([
      ['A', 1, 2, 1 / 3],
      ['B', 2, 2, 0],
      ['C', 0, 0, null],
    ]);
    expect(r.ei).toBeCloseTo((2 - 3) / 5, 12);
  });
});

describe('openness: conventions', () => {
  it('no edge at all: whole-graph ei null, every node null', () => {
    const r = openness(graphFromEdges([], ['b', 'a']), { a: 'x', b: 'y' });
    expect(r).toEqual({
      ei: null,
      groups: [
        { group: 'x', internal: 0, external: 0, ei: null },
        { group: 'y', internal: 0, external: 0, ei: null },
      ],
      nodes: [
        { id: 'a', degree: 0, constraint: null, effectiveSize: null },
        { id: 'b', degree: 0, constraint: null, effectiveSize: null },
      ],
    });
  });

  it('nodes of the groups missing from the graph are isolated; sorting is by string order (code units)', () => {
    const r = openness(graphFromEdges([{ source: 'b', target: 'B' }]), new Map([['b', 'g'], ['B', 'g'], ['a', 'G'], ['é', 'g']]));
    expect(r.nodes.map((n) => n.id)).toEqual(['B', 'a', 'b', 'é']);
    expect(r.groups.map((g) => g.group)).toEqual(['G', 'g']);
  });

  it('a graph node without a group is refused', () => {
    expect(() => openness(graphFromEdges([{ source: 'a', target: 'b' }]), { a: 'g' })).toThrow(new NetworkInputError('node "b" has no group'));
  });

  it('weights scale-free: multiplying every weight leaves the metrics unchanged', () => {
    const f = fixtures.weighted;
    const scaled = { ...f, edges: f.edges.map(([s, t, w]) => [s, t, (w ?? 1) * 7.5] as [string, string, number]) };
    expectSameReport(reportOf(scaled), f.expected);
  });
});

describe('GraphBuilder', () => {
  it('refuses self-loops, bad weights and duplicate pairs (either direction), naming both lines', () => {
    expect(() => new GraphBuilder().addEdge('a', 'a')).toThrow('self-loop on "a"');
    for (const w of [0, -1, NaN, Infinity]) expect(() => new GraphBuilder().addEdge('a', 'b', w)).toThrow(/bad weight/);
    const b = new GraphBuilder().addEdge('a', 'b', 1, { file: 'e.csv', line: 2 });
    expect(() => b.addEdge('b', 'a', 1, { file: 'e.csv', line: 5 })).toThrow('e.csv line 5: duplicate edge "b" - "a" (already on line 2)');
    expect(() => new GraphBuilder().addNode('')).toThrow('empty node id');
  });

  it('stores each tie on both sides', () => {
    const g = graphFromEdges([
      { source: 'a', target: 'b', weight: 2 },
      { source: 'b', target: 'c' },
    ]);
    const b = g.index.get('b')!;
    expect([...g.neighbours.subarray(g.offsets[b], g.offsets[b + 1])].map((i) => g.ids[i])).toEqual(['a', 'c']);
    expect([...g.weights.subarray(g.offsets[b], g.offsets[b + 1])]).toEqual([2, 1]);
    expect(g.edgeCount).toBe(2);
  });
});
