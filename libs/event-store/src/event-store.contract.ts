import {
  ConcurrencyError,
  Decider,
  EventStore,
  IllegalStateError,
  RecordedEvent,
  handleCommand,
  newId,
} from '@opn/kernel';

/**
 * The one contract every EventStore adapter passes. Streams get unique names so the suite
 * also runs against a long-lived shared server (EventStoreDB/KurrentDB) without cleanup.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStore>,
  options: { skipReason?: string } = {},
): void {
  const suite = options.skipReason ? describe.skip : describe;
  if (options.skipReason) {
    // Printed so a skipped run says why instead of passing silently.
    console.warn(`[contract] ${name} skipped: ${options.skipReason}`);
  }

  suite(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const stream = (prefix = 'contract') => `${prefix}-${newId()}`;
    const ev = (type: string, data: unknown = {}, extra: object = {}) => ({ type, data, ...extra });
    const ours = (events: RecordedEvent[], streams: string[]) => events.filter((e) => streams.includes(e.streamId));

    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('appending and reading a stream', () => {
      it('records events with 0-based revisions, increasing global positions and all their fields', async () => {
        const s = stream();
        const id = newId();
        const occurredAt = new Date('2026-01-02T03:04:05.678Z');
        const result = await store.appendToStream(
          s,
          [
            ev('CompanyRegistered', { name: 'Acme', tags: ['a'], n: 1.5 }, {
              id,
              version: 2,
              occurredAt,
              metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor: 'p1' },
            }),
            ev('CompanyProfileUpdated', { name: 'Acme SA' }),
          ],
          { expectedRevision: 'no_stream' },
        );
        expect(result.nextExpectedRevision).toBe(1);
        expect(result.events.map((e) => e.revision)).toEqual([0, 1]);
        expect(result.events[1].position).toBeGreaterThan(result.events[0].position);
        expect(result.lastPosition).toBe(result.events[1].position);

        const read = await store.readStream(s);
        expect(read).toHaveLength(2);
        const [first, second] = read;
        expect(first).toMatchObject({
          id,
          type: 'CompanyRegistered',
          version: 2,
          data: { name: 'Acme', tags: ['a'], n: 1.5 },
          streamId: s,
          revision: 0,
          position: result.events[0].position,
          correlationId: 'corr-1',
          causationId: 'cause-1',
        });
        expect(first.metadata.actor).toBe('p1');
        expect(first.occurredAt.toISOString()).toBe(occurredAt.toISOString());
        expect(first.recordedAt).toBeInstanceOf(Date);
        expect(second).toMatchObject({ type: 'CompanyProfileUpdated', version: 1, revision: 1 });
        expect(await store.streamRevision(s)).toBe(1);
      });

      it('reads a missing stream as empty with revision -1', async () => {
        const s = stream();
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.streamRevision(s)).toBe(-1);
      });

      it('reads a stream from a revision and up to a count', async () => {
        const s = stream();
        await store.appendToStream(s, Array.from({ length: 10 }, (_, i) => ev('Counted', { i })));
        const page = await store.readStream(s, { fromRevision: 3, maxCount: 4 });
        expect(page.map((e) => (e.data as { i: number }).i)).toEqual([3, 4, 5, 6]);
      });
    });

    describe('optimistic concurrency', () => {
      it('appends when the expected revision matches and refuses when it does not', async () => {
        const s = stream();
        await store.appendToStream(s, [ev('A')], { expectedRevision: 'no_stream' });
        await store.appendToStream(s, [ev('B')], { expectedRevision: 0 });
        await expect(store.appendToStream(s, [ev('C')], { expectedRevision: 0 })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await expect(store.appendToStream(s, [ev('C')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('checks stream_exists and lets any through', async () => {
        const s = stream();
        await expect(store.appendToStream(s, [ev('A')], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await store.appendToStream(s, [ev('A')], { expectedRevision: 'any' });
        await store.appendToStream(s, [ev('B')], { expectedRevision: 'stream_exists' });
        await store.appendToStream(s, [ev('C')]);
        expect(await store.streamRevision(s)).toBe(2);
      });

      it('writes nothing of a refused batch', async () => {
        const s = stream();
        await store.appendToStream(s, [ev('A')]);
        await expect(
          store.appendToStream(s, [ev('B'), ev('C'), ev('D')], { expectedRevision: 5 }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('lets exactly one of 8 concurrent writers win each revision', async () => {
        const s = stream();
        const rounds = 25;
        let conflicts = 0;
        const writer = async (w: number) => {
          for (let r = 0; r < rounds; r++) {
            const revision = await store.streamRevision(s);
            try {
              await store.appendToStream(s, [ev('Wrote', { w, r })], {
                expectedRevision: revision < 0 ? 'no_stream' : revision,
              });
            } catch (e) {
              if (!(e instanceof ConcurrencyError)) throw e;
              conflicts++;
            }
          }
        };
        await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
        const events = await store.readStream(s);
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        expect(events.length + conflicts).toBe(8 * rounds);
        expect(conflicts).toBeGreaterThan(0);
      });
    });

    describe('concurrent appends (one process, many commands in flight)', () => {
      it('commits concurrent appends to different streams, each at its own revisions and a distinct position', async () => {
        const streams = Array.from({ length: 40 }, () => stream('burst'));
        const before = await store.headPosition();
        const results = await Promise.all(
          streams.map((s, i) => store.appendToStream(s, [ev('Burst', { i }), ev('Burst2', { i })], { expectedRevision: 'no_stream' })),
        );
        results.forEach((r, i) => {
          expect(r.nextExpectedRevision).toBe(1);
          expect(r.events.map((e) => [e.streamId, e.revision])).toEqual([
            [streams[i], 0],
            [streams[i], 1],
          ]);
          expect(r.events[1].position).toBeGreaterThan(r.events[0].position);
        });
        const positions = results.flatMap((r) => r.events.map((e) => e.position));
        expect(new Set(positions).size).toBe(80);
        expect(Math.min(...positions)).toBeGreaterThan(before);
        for (const [i, s] of streams.entries()) {
          expect((await store.readStream(s)).map((e) => [e.type, (e.data as { i: number }).i])).toEqual([
            ['Burst', i],
            ['Burst2', i],
          ]);
        }
        const all = ours(await store.readAll({ after: before, maxCount: 10_000 }), streams);
        expect(all.map((e) => e.position)).toEqual([...positions].sort((x, y) => x - y));
      });

      it('refuses only the append whose expected revision is wrong; the others in flight commit', async () => {
        const existing = stream('burst');
        await store.appendToStream(existing, [ev('A')]);
        const others = Array.from({ length: 10 }, () => stream('burst'));
        const settled = await Promise.allSettled([
          ...others.slice(0, 5).map((s) => store.appendToStream(s, [ev('Ok')], { expectedRevision: 'no_stream' })),
          store.appendToStream(existing, [ev('Stale1'), ev('Stale2')], { expectedRevision: 'no_stream' }),
          ...others.slice(5).map((s) => store.appendToStream(s, [ev('Ok')], { expectedRevision: 'no_stream' })),
        ]);
        expect(settled.map((r) => r.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
        expect((settled[5] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(existing)).map((e) => e.type)).toEqual(['A']);
        for (const s of others) expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Ok']);
      });

      it('lets exactly one of the concurrent appends expecting the same revision win, each time', async () => {
        const s = stream('burst');
        for (const expectedRevision of ['no_stream', 0, 1] as const) {
          const settled = await Promise.allSettled(
            Array.from({ length: 6 }, (_, w) => store.appendToStream(s, [ev('Raced', { w })], { expectedRevision })),
          );
          expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          for (const r of settled) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
        }
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });
    });

    describe('the global log', () => {
      it('reads all events after a position, in order, page by page', async () => {
        const before = await store.headPosition();
        const a = stream();
        const b = stream();
        await store.appendToStream(a, [ev('A1'), ev('A2')]);
        await store.appendToStream(b, [ev('B1')]);
        await store.appendToStream(a, [ev('A3')]);
        const all: RecordedEvent[] = [];
        let after = before;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 2 });
          if (page.length === 0) break;
          all.push(...page);
          after = page[page.length - 1].position;
        }
        expect(ours(all, [a, b]).map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(await store.headPosition()).toBe(positions[positions.length - 1]);
      });

      it('subscribes: catches up from a position, then follows live appends in order', async () => {
        const s = stream();
        await store.appendToStream(s, [ev('Old')]);
        const from = (await store.readStream(s))[0].position - 1;
        const seen: string[] = [];
        let resolveDone!: () => void;
        const finished = new Promise<void>((r) => (resolveDone = r));
        const sub = store.subscribeToAll({
          after: from,
          onEvent: (e) => {
            if (e.streamId !== s) return;
            seen.push(e.type);
            if (seen.length === 4) resolveDone();
          },
        });
        await store.appendToStream(s, [ev('Live1'), ev('Live2')]);
        await store.appendToStream(s, [ev('Live3')]);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([finished, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), 10000)))]);
        clearTimeout(timer);
        await sub.stop();
        expect(seen).toEqual(['Old', 'Live1', 'Live2', 'Live3']);
      });

      it('stops a subscription whose handler throws and reports the error', async () => {
        const s = stream();
        await store.appendToStream(s, [ev('Boom')]);
        const from = (await store.readStream(s))[0].position - 1;
        const error = await new Promise<unknown>((resolve) => {
          store.subscribeToAll({
            after: from,
            onEvent: (e) => {
              if (e.streamId === s) throw new Error('handler failed');
            },
            onError: resolve,
          });
        });
        expect(String(error)).toContain('handler failed');
      });
    });

    describe('command handling on this store', () => {
      type State = { count: number; closed: boolean };
      type Cmd = { type: 'Increment'; by: number } | { type: 'Close' };
      type Ev = { type: 'Incremented'; data: { by: number } } | { type: 'Closed'; data: Record<string, never> };
      const counter: Decider<State, Cmd, Ev> = {
        initialState: () => ({ count: 0, closed: false }),
        evolve: (st, e) => (e.type === 'Incremented' ? { ...st, count: st.count + e.data.by } : { ...st, closed: true }),
        decide: (c, st): Ev => {
          if (st.closed) throw new IllegalStateError('closed');
          return c.type === 'Increment' ? { type: 'Incremented', data: { by: c.by } } : { type: 'Closed', data: {} };
        },
      };

      it('applies a command once per idempotency key, even when retried concurrently', async () => {
        const s = stream('counter');
        const results = await Promise.all(
          Array.from({ length: 5 }, () =>
            handleCommand(store, s, counter, { type: 'Increment', by: 2 }, { idempotencyKey: 'k-1' }),
          ),
        );
        await handleCommand(store, s, counter, { type: 'Increment', by: 2 }, { idempotencyKey: 'k-1' });
        await handleCommand(store, s, counter, { type: 'Increment', by: 3 }, { idempotencyKey: 'k-2' });
        const events = await store.readStream(s);
        expect(events.map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
        expect(results.filter((r) => !r.replayed)).toHaveLength(1);
        expect(new Set(results.map((r) => r.events[0].id)).size).toBe(1);
      });

      it('refuses a stale If-Match revision with a 412 conflict', async () => {
        const s = stream('counter');
        const first = await handleCommand(store, s, counter, { type: 'Increment', by: 1 });
        await handleCommand(store, s, counter, { type: 'Increment', by: 1 }, { expectedRevision: first.revision });
        const stale = handleCommand(store, s, counter, { type: 'Increment', by: 1 }, { expectedRevision: first.revision });
        await expect(stale).rejects.toMatchObject({ status: 412 });
      });

      it('answers 412 to every concurrent command that carried the same If-Match revision but one', async () => {
        const s = stream('counter');
        const first = await handleCommand(store, s, counter, { type: 'Increment', by: 1 });
        const settled = await Promise.allSettled(
          Array.from({ length: 6 }, () =>
            handleCommand(store, s, counter, { type: 'Increment', by: 1 }, { expectedRevision: first.revision }),
          ),
        );
        expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of settled) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 412, code: 'concurrency_conflict' });
        expect(await store.streamRevision(s)).toBe(1);
      });
    });
  });
}
