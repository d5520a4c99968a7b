import { NetworkInputError } from './errors';
import { graphFromEdges, graphFromIndexedEdges } from './graph';

describe('graphFromIndexedEdges', () => {
  it('builds the same graph as graphFromEdges from the same edges by index', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const edges: Array<[number, number, number]> = [
      [0, 1, 1],
      [1, 2, 2.5],
      [0, 3, 1],
      [3, 2, 0.5],
    ];
    const indexed = graphFromIndexedEdges(
      ids,
      edges.map((e) => e[0]),
      edges.map((e) => e[1]),
      edges.map((e) => e[2]),
    );
    const named = graphFromEdges(
      edges.map(([s, t, w]) => ({ source: ids[s], target: ids[t], weight: w })),
      ids,
    );
    expect(indexed).toEqual(named);
    expect(indexed.ids).toEqual(ids); // e stays, without edges
  });

  it('refuses what GraphBuilder refuses: self-loops, a pair twice (either way round), bad weights, bad indexes, repeated ids', () => {
    const bad: Array<() => unknown> = [
      () => graphFromIndexedEdges(['a', 'b'], [0], [0]),
      () => graphFromIndexedEdges(['a', 'b'], [0, 1], [1, 0]),
      () => graphFromIndexedEdges(['a', 'b'], [0], [1], [0]),
      () => graphFromIndexedEdges(['a', 'b'], [0], [1], [Number.NaN]),
      () => graphFromIndexedEdges(['a', 'b'], [0], [2]),
      () => graphFromIndexedEdges(['a', 'a'], [], []),
      () => graphFromIndexedEdges(['a', ''], [], []),
      () => graphFromIndexedEdges(['a', 'b'], [0], []),
    ];
    for (const build of bad) expect(build).toThrow(NetworkInputError);
  });
});
