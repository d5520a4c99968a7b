import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder, graphFromEdges } from '@opn/network-metrics';
import { edgesGraph, evaluateLinks, holdOutTruth, Truth } from './evaluate';
import { Neighbourhood } from './features';
import { carryLinkModel, learnLinkModel, pickTop, recommendLinks } from './links';

const graphOf = (edges: [string, string, number?][]) => {
  const b = new GraphBuilder();
  for (const [s, t, w] of edges) b.addEdge(s, t, w ?? 1);
  return b.build();
};

describe('neighbourhood evidence', () => {
  // a - b - c, a - d - c, c - e, d - e (weights on a-b and b-c)
  const g = graphOf([
    ['a', 'b', 2],
    ['b', 'c', 3],
    ['a', 'd'],
    ['d', 'c'],
    ['c', 'e'],
    ['d', 'e'],
  ]);
  const id = (x: string) => g.index.get(x)!;

  it('computes common neighbours, resource allocation and Adamic-Adar by hand', () => {
    const walk = new Neighbourhood(g);
    const c = walk.candidatesOf(id('a'));
    const at = (x: string) => [...c.node.subarray(0, c.count)].indexOf(id(x));
    // a's candidates: c (via b and d) and e (via d); b and d are linked already.
    expect([...c.node.subarray(0, c.count)].map((v) => g.ids[v]).sort()).toEqual(['c', 'e']);
    expect(c.cn[at('c')]).toBe(2);
    // k_b = 2, k_d = 3
    expect(c.ra[at('c')]).toBeCloseTo(1 / 2 + 1 / 3, 12);
    expect(c.aa[at('c')]).toBeCloseTo(1 / Math.log(2) + 1 / Math.log(3), 12);
    // weighted: w(a,b) w(b,c) / s_b + w(a,d) w(d,c) / s_d = 2*3/5 + 1*1/3
    expect(c.raw[at('c')]).toBeCloseTo(6 / 5 + 1 / 3, 12);
    expect(c.ra[at('e')]).toBeCloseTo(1 / 3, 12);
  });

  it('computes the three-hop resource over paths u-x-y-v', () => {
    const walk = new Neighbourhood(g);
    const c = walk.candidatesOf(id('a'));
    const at = (x: string) => [...c.node.subarray(0, c.count)].indexOf(id(x));
    // paths a-x-y-e: a-b-c-e (1/(2*3)), a-d-c-e (1/(3*3)); k_b=2, k_c=3, k_d=3
    expect(c.ra3[at('e')]).toBeCloseTo(1 / 6 + 1 / 9, 12);
  });
});

describe('picking the top', () => {
  it('orders by score, ties to the smaller node, and diversifies over communities when asked', () => {
    const nodes = [5, 3, 9, 1];
    const scores = [0.9, 0.9, 0.8, 0.7];
    const community = new Int32Array(10);
    community[9] = 1;
    expect(pickTop(nodes, (i) => scores[i], 3, 0, community).index.map((i) => nodes[i])).toEqual([3, 5, 9]);
    // With diversity 0.5, the second pick from community 0 loses to node 9 (community 1).
    const diverse = pickTop(nodes, (i) => scores[i], 3, 0.5, community);
    expect(diverse.index.map((i) => nodes[i])).toEqual([3, 9, 5]);
    expect([...diverse.score].sort((x, y) => y - x)).toEqual(diverse.score);
  });
});

describe('evaluation', () => {
  it('measures precision over K per node with a truth tie, lift over random, and the crossing share', () => {
    const g = graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]);
    const i = (x: string) => g.index.get(x)!;
    const truth: Truth = new Map([
      [i('a'), new Set([i('c')])],
      [i('c'), new Set([i('a')])],
    ]);
    const recs = {
      targets: [Int32Array.of(i('c')), Int32Array.of(i('a')), Int32Array.of(i('d')), Int32Array.of(i('b'))],
      scores: [Float64Array.of(1), Float64Array.of(1), Float64Array.of(1), Float64Array.of(1)],
    };
    const community = Int32Array.from([0, 0, 1, 1]);
    const r = evaluateLinks(g, truth, recs, community, 2);
    // a and c have truth ties; a's list hits, c's does not: 1 hit over 2 x K = 4
    expect(r.precision).toBe(0.25);
    // a: 1 truth tie among 2 unlinked nodes, c: 1 among 1 -> expected hits 2*(1/2) + 2*(1/1) = 3 over 4
    expect(r.randomPrecision).toBe(0.75);
    expect(r.crossing).toBe(0.5);
    expect(r.evaluatedNodes).toBe(2);
  });
});

describe('learned modes on a real hold-out (hep-th co-authorship, 10% of ties hidden)', () => {
  const dir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'reco', 'links');
  const load = (file: string) => edgesGraph(readFileSync(join(dir, file), 'utf8'), file);
  const train = load('hepth-random.train.csv');
  const { truth } = holdOutTruth(train, load('hepth-random.test.csv'));
  const model = learnLinkModel(train, { top: 10 });
  const measure = (method: Parameters<typeof recommendLinks>[1]) => evaluateLinks(train, truth, recommendLinks(train, method, { top: 10 }, model), model.community, 10);

  it('the accurate mode finds more of the hidden ties than resource allocation, and bridging crosses communities more', () => {
    const ra = measure('resource-allocation');
    const accurate = measure('accurate');
    const bridging = measure('bridging');
    expect(accurate.precision).toBeGreaterThan(ra.precision);
    expect(bridging.crossing).toBeGreaterThan(ra.crossing * 1.4);
    // chosen on a hidden slice to keep resource allocation's precision: within 1 % on the real split
    expect(bridging.precision).toBeGreaterThanOrEqual(ra.precision * 0.99);
  }, 60_000);
});

describe('carryLinkModel', () => {
  const before = graphFromEdges([
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'a', target: 'c' },
    { source: 'd', target: 'e' },
    { source: 'e', target: 'f' },
    { source: 'd', target: 'f' },
    { source: 'c', target: 'd' },
  ]);
  const model = learnLinkModel(before, { top: 3 });
  const after = graphFromEdges([...Array.from({ length: before.edgeCount }, (_, e) => ({ source: before.ids[before.edgeSources[e]], target: before.ids[before.edgeTargets[e]] })), { source: 'g', target: 'a', weight: 3 }]);

  it('keeps the learned settings, the communities by id (a new node a community of its own), and recomputes the mean weight', () => {
    const kept = carryLinkModel(model, before, after, 'keep');
    expect(kept.ranking).toBe(model.ranking);
    const of = (m: { community: Int32Array }, g: typeof after, id: string) => m.community[g.index.get(id)!];
    for (const id of before.ids) expect(of(kept, after, id)).toBe(of(model, before, id));
    expect(of(kept, after, 'a')).not.toBe(of(kept, after, 'd'));
    expect(before.ids.map((id) => of(kept, after, id))).not.toContain(of(kept, after, 'g'));
    expect(kept.meanWeight).toBeCloseTo(10 / 8);
  });

  it('or finds the communities again', () => {
    const again = carryLinkModel(model, before, after, 'recompute');
    expect(again.community).toHaveLength(after.ids.length);
    expect(again.community[after.index.get('g')!]).toBe(again.community[after.index.get('a')!]);
  });
});
