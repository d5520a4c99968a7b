import { graphFromEdges } from './graph';
import { eiIndex, openness } from './openness';
import { fixtures, graphOfFixture } from './reference.spec';

const graphOf = graphOfFixture;

describe('eiIndex', () => {
  it.each(Object.keys(fixtures))('%s: the E-I part of the networkx report, and what openness returns', (name) => {
    const f = fixtures[name];
    const r = eiIndex(graphOf(f), f.groups);
    expect(r.groups.map((g) => [g.group, g.internal, g.external])).toEqual(f.expected.groups.map((g) => [g.group, g.internal, g.external]));
    r.groups.forEach((g, k) => (g.ei === null ? expect(f.expected.groups[k].ei).toBeNull() : expect(g.ei).toBeCloseTo(f.expected.groups[k].ei!, 12)));
    if (f.expected.ei === null) expect(r.ei).toBeNull();
    else expect(r.ei).toBeCloseTo(f.expected.ei, 12);
    const full = openness(graphOf(f), f.groups);
    expect({ ei: full.ei, groups: full.groups }).toEqual(r);
  });

  it('two triangles joined by a broker x: by hand', () => {
    // A = {a1 a2 a3 x}: triangle (3) + x-a1 internal, x-b1 external; B = {b1 b2 b3}: triangle (3), x-b1
    const r = eiIndex(graphOf(fixtures.broker), fixtures.broker.groups);
    expect(r).toEqual({
      ei: (1 - 7) / 8,
      groups: [
        { group: 'A', internal: 4, external: 1, ei: -3 / 5 },
        { group: 'B', internal: 3, external: 1, ei: -1 / 2 },
      ],
    });
  });

  it('nodes of unknown group (null or missing) are left out with their edges, for the groups and for the whole graph', () => {
    // path a - b - c - d - e, groups: a A, b A, c unknown (null), d B, e missing
    const g = graphFromEdges(['ab', 'bc', 'cd', 'de', 'ad'].map(([source, target]) => ({ source, target })));
    const r = eiIndex(g, { a: 'A', b: 'A', c: null, d: 'B' });
    // counted: a-b (A internal), a-d (A-B external); b-c, c-d, d-e left out
    expect(r).toEqual({
      ei: 0,
      groups: [
        { group: 'A', internal: 1, external: 1, ei: 0 },
        { group: 'B', internal: 0, external: 1, ei: 1 },
      ],
    });
    // a Map works the same
    expect(eiIndex(g, new Map([['a', 'A'], ['b', 'A'], ['c', null], ['d', 'B']]))).toEqual(r);
  });

  it('every edge touching an unknown group: whole-graph ei null; groups named only outside the graph are listed', () => {
    const g = graphFromEdges([{ source: 'a', target: 'b' }]);
    expect(eiIndex(g, { a: 'A', z: 'Z' })).toEqual({
      ei: null,
      groups: [
        { group: 'A', internal: 0, external: 0, ei: null },
        { group: 'Z', internal: 0, external: 0, ei: null },
      ],
    });
  });

  it('ignores weights', () => {
    const g = graphFromEdges([
      { source: 'a', target: 'b', weight: 100 },
      { source: 'b', target: 'c', weight: 0.5 },
    ]);
    expect(eiIndex(g, { a: 'A', b: 'A', c: 'C' }).ei).toBe(0);
  });

  it('openness still refuses a graph node without a group (null included)', () => {
    const g = graphFromEdges([{ source: 'a', target: 'b' }]);
    expect(() => openness(g, { a: 'A' })).toThrow('node "b" has no group');
    expect(() => openness(g, { a: 'A', b: null as unknown as string })).toThrow('node "b" has no group');
  });
});
