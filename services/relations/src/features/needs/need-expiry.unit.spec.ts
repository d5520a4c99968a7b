import type { Commands } from '@opn/service-kit';
import type { NeedIndex } from '../../read-models/needs/needs.projection';
import type { RelationsConfig } from '../../relations.service';
import { NeedExpiry } from './need-expiry';

describe('NeedExpiry (with a fixed clock)', () => {
  it('issues ExpireNeed as the system for each open need past its deadline, and an error on one does not stop the others', async () => {
    const issued: Array<{ id: string; command: unknown; actor: unknown }> = [];
    const commands = {
      handle: async (_h: unknown, id: string, command: unknown, ctx: { actor: unknown }) => {
        issued.push({ id, command, actor: ctx.actor });
        if (id === 'broken') throw new Error('store down');
        return { events: [], state: {}, revision: 1 };
      },
    } as unknown as Commands;
    const index = {
      ready: Promise.resolve(),
      values: () =>
        [
          { needId: 'broken', status: 'open', deadline: '2026-11-01' },
          { needId: 'past', status: 'open', deadline: '2026-11-29' },
          { needId: 'today', status: 'open', deadline: '2026-11-30' },
          { needId: 'closed', status: 'closed', deadline: '2026-11-01' },
        ].values(),
    } as unknown as NeedIndex;
    const expiry = new NeedExpiry(commands, index, { needExpiryIntervalSeconds: 60 } as RelationsConfig, () => new Date('2026-11-30T08:00:00.000Z'));
    (expiry as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
    await expiry.tick();
    expect(issued.map((i) => i.id)).toEqual(['broken', 'past']);
    expect(issued[1]).toMatchObject({ command: { type: 'ExpireNeed', data: { now: '2026-11-30T08:00:00.000Z' } }, actor: { personId: 'system' } });
    await expiry.onApplicationShutdown();
  });
});
