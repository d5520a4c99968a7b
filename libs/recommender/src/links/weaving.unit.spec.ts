import { GraphBuilder } from '@opn/network-metrics';
import { explainLink } from './explain';
import { learnLinkModel } from './links';
import { weavingQueue } from './weaving';

/** Three cliques of 6 firms (a, b, c), a and b joined by two ties, b and c by one. */
function territory() {
  const builder = new GraphBuilder();
  for (const g of ['a', 'b', 'c']) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) builder.addEdge(`${g}${i}`, `${g}${j}`);
  builder.addEdge('a0', 'b0').addEdge('a1', 'b1').addEdge('b2', 'c0');
  return builder.build();
}

describe('link explanation', () => {
  it('names the common partners, counts the three-step chains and says whether the pair crosses communities', () => {
    const g = territory();
    const i = (x: string) => g.index.get(x)!;
    const community = g.ids.map((id) => id.charCodeAt(0));
    const e = explainLink(g, i('a2'), i('b0'), community);
    expect(e.common.map((n) => g.ids[n])).toEqual(['a0']);
    expect(e.commonCount).toBe(1);
    // a2-a1-b1-b0, and a2-aX-a0-b0 for X = 1, 3, 4, 5
    expect(e.threeStepChains).toBe(5);
    expect(e.sameCommunity).toBe(false);
  });
});

describe('weaving queue', () => {
  it('proposes introductions across clusters, the thinnest gap first, at most two per pair of clusters', () => {
    const g = territory();
    const model = learnLinkModel(g, { top: 10 });
    const queue = weavingQueue(g, model, { top: 10 });
    expect(queue.length).toBeGreaterThan(0);
    for (const q of queue) expect(q.clusterA.id).not.toBe(q.clusterB.id);
    const pairs = new Map<string, number>();
    for (const q of queue) {
      const key = [q.clusterA.id, q.clusterB.id].sort().join('-');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    for (const count of pairs.values()) expect(count).toBeLessThanOrEqual(2);
    // a and c have no tie between them (b and c one, a and b two): that gap comes first.
    const first = queue[0];
    expect([g.ids[first.a][0], g.ids[first.b][0]].sort().join('')).toBe('ac');
    expect(first.tiesBetween).toBe(0);
    const bc = queue.find((q) => [g.ids[q.a][0], g.ids[q.b][0]].sort().join('') === 'bc')!;
    const ab = queue.find((q) => [g.ids[q.a][0], g.ids[q.b][0]].sort().join('') === 'ab')!;
    expect(bc.gain).toBeGreaterThan(ab.gain);
    expect([...queue.map((q) => q.value)]).toEqual([...queue.map((q) => q.value)].sort((x, y) => y - x));
  });
});
