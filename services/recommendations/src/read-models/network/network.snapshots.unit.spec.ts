import { UnavailableError } from '@opn/kernel';
import type { Connection } from 'mongoose';
import type { RecommendationsConfig } from '../../recommendations.service';
import { peopleProjection } from '../people';
import { NetworkIndex } from './network.index';
import { needsProjection, tiesProjection } from './network.projections';
import { NetworkSnapshots } from './network.snapshots';

const empty = { collection: () => ({ find: () => [] }) } as unknown as Connection;
const person = { companies: {}, platformRoles: [], consents: { personal_ties: true, warm_introductions: true }, erased: false };

describe('NetworkSnapshots', () => {
  it('answers 503 until the mirror is loaded, then caches results until the network changes', async () => {
    const index = new NetworkIndex();
    const snapshots = new NetworkSnapshots(index, { relearnSeconds: 600 } as RecommendationsConfig);
    expect(() => snapshots.cached('x', () => 1)).toThrow(UnavailableError);
    await index.load(empty);
    let computed = 0;
    const count = () => snapshots.cached('key', () => ++computed);
    expect([count(), count()]).toEqual([1, 1]);
    index.documentChanged(peopleProjection.name, 'ada', person);
    index.documentChanged(peopleProjection.name, 'bob', person);
    expect(count()).toBe(2);
    const before = snapshots.peopleNetwork();
    expect(before.graph.edgeCount).toBe(0);
    expect(snapshots.peopleNetwork()).toBe(before);
    index.documentChanged(tiesProjection.name, 't', { people: ['ada', 'bob'], kinds: ['hobby'], strength: 3, visibility: 'members', since: '2026-01-01T00:00:00.000Z' });
    const after = snapshots.peopleNetwork();
    expect(after).not.toBe(before);
    expect(after.graph.edgeCount).toBe(1);
    expect(count()).toBe(3);
    // A need changes partner search (not cached), not the graphs: they and the results are kept.
    index.documentChanged(needsProjection.name, 'n', { companyId: 'A', title: 't', description: 'd', capabilities: [], territory: ['69'], visibility: 'members', publishedAt: '2026-01-01T00:00:00.000Z', engaged: [], hidden: false });
    expect(snapshots.peopleNetwork()).toBe(after);
    expect(count()).toBe(3);
  });
});
