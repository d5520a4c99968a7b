import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedClusters, communities, modularity } from './communities';
import { EdgeInput, Graph, graphFromEdges } from './graph';
import { networkxSkipReason, prng, runReference } from './reference.spec';

/** Edges of the clique on `${prefix}1` .. `${prefix}${size}`. */
const clique = (prefix: string, size: number): EdgeInput[] => {
  const edges: EdgeInput[] = [];
  for (let i = 1; i <= size; i++) for (let j = i + 1; j <= size; j++) edges.push({ source: `${prefix}${i}`, target: `${prefix}${j}` });
  return edges;
};
const pathGraph = (ids: string) => graphFromEdges([...ids].slice(1).map((id, k) => ({ source: ids[k], target: id })));
const named = (g: Graph, community: number[]) => Object.fromEntries(g.ids.map((id, i) => [id, community[i]]));

describe('communities (Louvain)', () => {
  it('two K5 joined by one edge: the two cliques; Q = 2 (10/21 - (21/42)^2) = 19/42', () => {
    const g = graphFromEdges([...clique('a', 5), ...clique('b', 5), { source: 'a1', target: 'b1' }]);
    const r = communities(g);
    expect(r.count).toBe(2);
    expect(r.community).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // m = 21; each clique: 10 internal edges, total degree 2*10 + 1
    expect(r.modularity).toBeCloseTo(19 / 42, 12);
  });

  it('a ring of 8 K5, neighbours joined by one edge: one community per clique; Q = C/(C+1) - 1/k with C = 10 edges a clique, k = 8', () => {
    // m = k (C + 1); each clique: C internal, total degree 2C + 2: k (C/m - ((C+1)/m)^2) = C/(C+1) - 1/k.
    // (A pair of cliques would give (2C+1)/(2C+2) - 2/k, less as long as k < 2C + 2.)
    const edges: EdgeInput[] = [];
    for (let k = 0; k < 8; k++) edges.push(...clique(`c${k}_`, 5), { source: `c${k}_1`, target: `c${(k + 1) % 8}_2` });
    const r = communities(graphFromEdges(edges));
    expect(r.count).toBe(8);
    expect(r.community).toEqual(Array.from({ length: 40 }, (_, i) => Math.floor(i / 5)));
    expect(r.modularity).toBeCloseTo(10 / 11 - 1 / 8, 12);
  });

  it('two K4 joined through a broker x: x joins the side of the smaller community index (a tie)', () => {
    // x is tied to a1 and b1; both sides have total degree 13 when x is visited: equal gains.
    const g = graphFromEdges([...clique('a', 4), ...clique('b', 4), { source: 'x', target: 'a1' }, { source: 'x', target: 'b1' }]);
    const r = communities(g);
    expect(named(g, r.community)).toEqual({ a1: 0, a2: 0, a3: 0, a4: 0, x: 0, b1: 1, b2: 1, b3: 1, b4: 1 });
    // m = 14; A: 7 internal, degree 4+3+3+3+2 = 15; B: 6 internal, degree 13
    expect(r.modularity).toBeCloseTo(13 / 14 - (15 / 28) ** 2 - (13 / 28) ** 2, 12);
  });

  it('a star: one community, Q = 0', () => {
    const g = graphFromEdges(['l1', 'l2', 'l3', 'l4', 'l5'].map((leaf) => ({ source: 'c', target: leaf })));
    expect(communities(g)).toEqual({ community: [0, 0, 0, 0, 0, 0], count: 1, modularity: 0 });
  });

  it('a path a-b-c-d-e-f: the pairs ab, cd, ef (traced by hand in the comment); Q = 3/5 - (3^2 + 4^2 + 3^2)/10^2 = 0.26', () => {
    // m = 5. Level 0, gains w(i,c) - k_i tot(c)/2m: a -> {b} (1 - 2/10 > 0); b stays (own 1 - 2/10
    // vs c's 1 - 4/10); c -> {d} (1 - 4/10 beats {a,b}: 1 - 6/10); d: own {c} 1 - 4/10 = e's, a tie: stays;
    // e -> {f}; f stays. Level 1 (strengths 3, 4, 3): every gain 1 - 12/10 < 0, done.
    // (Louvain is greedy: {abc}{def} has Q = 0.3.)
    const g = pathGraph('abcdef');
    const r = communities(g);
    expect(r.community).toEqual([0, 0, 1, 1, 2, 2]);
    expect(r.modularity).toBeCloseTo(0.26, 12);
  });

  it('uses the weights: a square a-b-c-d-a splits along its heavy ties', () => {
    const square = (ab: number, bc: number) =>
      graphFromEdges([
        { source: 'a', target: 'b', weight: ab },
        { source: 'b', target: 'c', weight: bc },
        { source: 'c', target: 'd', weight: ab },
        { source: 'd', target: 'a', weight: bc },
      ]);
    const heavyAb = communities(square(10, 1));
    expect(heavyAb.community).toEqual([0, 0, 1, 1]);
    // m = 22; each pair: 10 inside, total degree 11 + 11: 2 (10/22 - (22/44)^2) = 10/11 - 1/2
    expect(heavyAb.modularity).toBeCloseTo(10 / 11 - 1 / 2, 12);
    expect(communities(square(1, 10)).community).toEqual([0, 1, 1, 0]);
  });

  it('isolated nodes are communities of their own; ids follow the first node; no edge at all: Q = 0', () => {
    const g = graphFromEdges([...clique('k', 3), { source: 'p', target: 'q' }], ['z', 'k1']);
    const r = communities(g);
    expect(g.ids).toEqual(['z', 'k1', 'k2', 'k3', 'p', 'q']);
    expect(r.community).toEqual([0, 1, 1, 1, 2, 2]);
    expect(r.count).toBe(3);
    expect(communities(graphFromEdges([], ['a', 'b']))).toEqual({ community: [0, 1], count: 2, modularity: 0 });
    expect(communities(graphFromEdges([]))).toEqual({ community: [], count: 0, modularity: 0 });
  });

  it('is deterministic: same graph, same result', () => {
    const g = randomGraph(7).graph;
    expect(communities(g)).toEqual(communities(g));
  });
});

describe('modularity', () => {
  it('by hand: the path a-b-c-d with {ab}{cd}: m = 3, 2 (1/3 - (3/6)^2) = 1/6; everything in one community: 0', () => {
    const g = pathGraph('abcd');
    expect(modularity(g, [0, 0, 1, 1])).toBeCloseTo(1 / 6, 15);
    expect(modularity(g, [0, 0, 0, 0])).toBeCloseTo(0, 15);
    // singletons: -sum (k_i / 2m)^2 = -(1 + 4 + 4 + 1)/36
    expect(modularity(g, [0, 1, 2, 3])).toBeCloseTo(-10 / 36, 15);
  });

  it('refuses a partition of another size or with bad ids', () => {
    const g = pathGraph('abc');
    expect(() => modularity(g, [0, 1])).toThrow(RangeError);
    expect(() => modularity(g, [0, -1, 0])).toThrow(RangeError);
  });
});

describe('closedClusters', () => {
  it('two K4 joined through a broker: both clusters, most closed first, with counts, density, E-I and members', () => {
    const g = graphFromEdges([...clique('a', 4), ...clique('b', 4), { source: 'x', target: 'a1' }, { source: 'x', target: 'b1' }]);
    expect(closedClusters(g)).toEqual([
      // {a1..a4, x}: K4 (6) + x-a1 inside, x-b1 outside; density 7 / (5*4/2); E-I (1-7)/8
      { community: 0, size: 5, internal: 7, external: 1, density: 0.7, ei: -0.75, members: ['a1', 'a2', 'a3', 'a4', 'x'] },
      // K4: 6 inside, x-b1 outside; density 1; E-I (1-6)/7
      { community: 1, size: 4, internal: 6, external: 1, density: 1, ei: -5 / 7, members: ['b1', 'b2', 'b3', 'b4'] },
    ]);
  });

  it('filters by minSize, sorts by E-I then size, and cuts at limit', () => {
    // K5 alone (E-I -1); K4 and K3 joined by one edge: (1-6)/7 and (1-3)/4; a pair; an isolated node.
    const g = graphFromEdges(
      [...clique('p', 2), ...clique('t', 3), ...clique('f', 4), { source: 'f1', target: 't1' }, ...clique('k', 5)],
      ['z'],
    );
    const all = closedClusters(g, { minSize: 1, limit: Infinity });
    expect(all.map((c) => [c.members[0], c.size, c.internal, c.external, c.ei])).toEqual([
      ['k1', 5, 10, 0, -1],
      ['p1', 2, 1, 0, -1], // same E-I, smaller
      ['f1', 4, 6, 1, -5 / 7],
      ['t1', 3, 3, 1, -1 / 2],
      ['z', 1, 0, 0, null], // no edge: last
    ]);
    expect(closedClusters(g).map((c) => c.members[0])).toEqual(['k1', 'f1', 't1']); // minSize 3
    expect(closedClusters(g, { limit: 2 }).map((c) => c.members[0])).toEqual(['k1', 'f1']);
    expect(closedClusters(g, { minSize: 5 }).map((c) => c.members[0])).toEqual(['k1']);
    expect(closedClusters(g, { communities: communities(g) })).toEqual(closedClusters(g));
  });

  it('refuses bad options', () => {
    const g = pathGraph('abc');
    expect(() => closedClusters(g, { minSize: 0 })).toThrow(RangeError);
    expect(() => closedClusters(g, { limit: -1 })).toThrow(RangeError);
    expect(() => closedClusters(g, { limit: 1.5 })).toThrow(RangeError);
  });
});

/** A random graph: planted groups (denser inside) or uniform, weighted or not, some isolated nodes. */
function randomGraph(seed: number): { graph: Graph; edges: [string, string, number][]; nodes: string[] } {
  const rnd = prng(seed);
  const n = 20 + Math.floor(rnd() * 180);
  const planted = seed % 2 === 0;
  const blocks = 2 + Math.floor(rnd() * 8);
  const weighted = seed % 3 !== 0;
  const meanDegree = 3 + rnd() * 8;
  const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
  const edges: [string, string, number][] = [];
  const seen = new Set<string>();
  const target = Math.round((meanDegree * n) / 2);
  for (let tries = 0; edges.length < target && tries < target * 20; tries++) {
    const a = Math.floor(rnd() * n);
    const b = Math.floor(rnd() * n);
    if (a === b || a % 17 === 5 || b % 17 === 5) continue; // some isolated nodes
    if (planted && a % blocks !== b % blocks && rnd() < 0.8) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([nodes[a], nodes[b], weighted ? 1 + Math.floor(rnd() * 9) : 1]);
  }
  const graph = graphFromEdges(
    edges.map(([source, target, weight]) => ({ source, target, weight })),
    nodes,
  );
  return { graph, edges, nodes };
}

(networkxSkipReason ? describe.skip : describe)('communities against networkx on 12 random graphs (live)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opn-louvain-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Array.from({ length: 12 }, (_, k) => k + 1))('seed %i: same modularity of our partition (1e-9), within 5% of networkx louvain_communities', (seed) => {
    const { graph, edges, nodes } = randomGraph(seed);
    const r = communities(graph);
    const file = join(dir, `graph-${seed}.json`);
    writeFileSync(file, JSON.stringify({ nodes, edges, partition: nodes.map((id) => r.community[graph.index.get(id)!]), seeds: [1, 2, 3] }));
    const expected = runReference<{ modularity: number; louvain: number[] }>(['communities', '--graph', file]);
    expect(Math.abs(r.modularity - expected.modularity)).toBeLessThanOrEqual(1e-9);
    for (const q of expected.louvain) expect(r.modularity).toBeGreaterThanOrEqual(q - 0.05 * Math.abs(q));
  });
});
if (networkxSkipReason) console.warn(`networkx live comparison of communities skipped: ${networkxSkipReason}`);
