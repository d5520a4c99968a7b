import { KeyedMemoryReadModel } from './memory-read-model';
import type { ProjectedEvent } from './projection';

interface Pair {
  members: string[];
}

class Pairs extends KeyedMemoryReadModel<Pair> {
  readonly projection = {
    name: 'test.pairs',
    handles: ['Paired', 'Unpaired', 'Moved'],
    documentId: (e: ProjectedEvent) => (e.data as { id: string }).id,
    apply: (doc: Pair | null, e: ProjectedEvent) => {
      const d = e.data as { id: string; members?: string[] };
      if (e.type === 'Unpaired') return null;
      return { members: d.members ?? doc?.members ?? [] };
    },
  };
  protected keysOf(doc: Pair) {
    return doc.members;
  }
}

let position = 0;
const event = (type: string, data: object): ProjectedEvent => ({ id: String(++position), type, version: 1, data, position, subject: 'x', occurredAt: new Date() });

describe('KeyedMemoryReadModel', () => {
  it('lists each document under its keys, following moves and removals', () => {
    const pairs = new Pairs();
    pairs.apply([event('Paired', { id: 'p1', members: ['a', 'b'] }), event('Paired', { id: 'p2', members: ['a', 'c'] })]);
    expect(pairs.idsFor('a').sort()).toEqual(['p1', 'p2']);
    expect(pairs.entriesFor('b')).toEqual([['p1', { members: ['a', 'b'] }]]);
    pairs.apply([event('Moved', { id: 'p1', members: ['b', 'd'] })]);
    expect(pairs.idsFor('a')).toEqual(['p2']);
    expect(pairs.idsFor('d')).toEqual(['p1']);
    pairs.apply([event('Unpaired', { id: 'p2' })]);
    expect(pairs.idsFor('a')).toEqual([]);
    expect(pairs.idsFor('c')).toEqual([]);
    expect(pairs.size).toBe(1);
  });
});
