import { AbortedError, EventStore, RecordedEvent, Subscription, retryUntilAborted, sleep } from '@opn/kernel';
import type { Connection } from 'mongoose';
import { MemoryReadModel } from './memory-read-model';
import { MongoProjector } from './mongo-projector';
import { Progress } from './progress';
import { DocumentProjection, ProjectedEvent } from './projection';

/** Longest time between checkpoint saves of a read model that only skipped events. */
const IDLE_CHECKPOINT_MS = 30_000;

export const fromRecorded = (e: RecordedEvent): ProjectedEvent => ({
  id: e.id,
  type: e.type,
  version: e.version,
  data: e.data,
  position: e.position,
  subject: e.streamId,
  revision: e.revision,
  occurredAt: e.occurredAt,
});

export interface ProjectionStatus {
  name: string;
  running: boolean;
  position: number;
  lastError?: string;
  lastErrorAt?: string;
}

export interface LocalProjectionRunnerOptions {
  store: EventStore;
  connection: Connection;
  projections: DocumentProjection<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Read models kept in memory, replayed from the start of the log at start-up (MemoryReadModel). */
  memory?: MemoryReadModel<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  batchSize?: number;
  /** Longest time between checkpoint saves while following the log (default 1 s; 0 = every batch). */
  checkpointEveryMs?: number;
  /** Documents each projector keeps in memory after writing them, to skip reading them back (default 10,000; 0 = none). */
  cacheDocuments?: number;
  onError?: (projection: string, error: unknown) => void;
}

/**
 * Keeps a service's own read models in step with its own log (read-your-writes in milliseconds,
 * and no dependency on Kafka for them). One catch-up subscription per projection, from the
 * checkpoint kept in MongoDB; while MongoDB is down it retries with back-off and catches up after.
 */
export class LocalProjectionRunner {
  private readonly projectors: MongoProjector<object>[];
  private readonly subscriptions: Subscription[] = [];
  private abort = new AbortController();
  private readonly status_ = new Map<string, ProjectionStatus>();
  private readonly finalCheckpoints: Array<() => Promise<void>> = [];
  /** Read-your-writes callers, woken when a projection moves or fails instead of polling. */
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: LocalProjectionRunnerOptions) {
    // The live runner is the only writer of its read models (a rebuild runs with the service
    // stopped), so each projector keeps the documents it last wrote and reads only the others.
    this.projectors = options.projections.map((p) => new MongoProjector(options.connection, p, { cacheDocuments: options.cacheDocuments ?? 10_000 }));
    for (const p of options.projections) this.status_.set(p.name, { name: p.name, running: false, position: 0 });
    for (const m of options.memory ?? []) this.status_.set(m.projection.name, { name: m.projection.name, running: false, position: 0 });
    this.handles = [...options.projections, ...(options.memory ?? []).map((m) => m.projection)].map((p) => ({ name: p.name, handles: p.handles }));
  }

  private readonly handles: Array<{ name: string; handles: readonly string[] }>;

  async start(): Promise<void> {
    this.abort = new AbortController();
    for (const projector of this.projectors) void this.follow(projector);
    for (const model of this.options.memory ?? []) void this.followInMemory(model);
  }

  /**
   * Feeds a memory read model from the log: from the start at the first start-up, then from where it
   * is (it survives stop/start within the process). Events are applied one at a time and the
   * position moves after each, so a fold that fails is retried from that event, never twice.
   */
  private async followInMemory(model: MemoryReadModel<object>) {
    const { signal } = this.abort;
    const status = this.status_.get(model.projection.name)!;
    const onError = this.failureReporter(status);
    try {
      const head = await retryUntilAborted(() => this.options.store.headPosition(), { signal, onError });
      if (status.position >= head) model.caughtUpWithLog();
      status.running = true;
      this.wake();
      this.subscribe(status.position, onError, async (events) => {
        for (const event of events) {
          if (event.position <= status.position) continue;
          model.apply([fromRecorded(event)]);
          status.position = event.position;
        }
        status.lastError = status.lastErrorAt = undefined;
        if (status.position >= head) model.caughtUpWithLog();
        this.wake();
      });
    } catch (e) {
      if (!(e instanceof AbortedError)) onError(e);
    }
  }

  private async follow(projector: MongoProjector<object>) {
    const { signal } = this.abort;
    const status = this.status_.get(projector.projection.name)!;
    const onError = this.failureReporter(status);
    try {
      // Wait quietly for the first connection (the service starts while MongoDB may be down).
      while (this.options.connection.readyState !== 1 && !signal.aborted) await sleep(100, signal);
      const after = await retryUntilAborted(
        async () => {
          await projector.ensureIndexes();
          return (await projector.checkpoint()) ?? 0;
        },
        { signal, onError },
      );
      status.position = after;
      status.running = true;
      this.wake();
      let savedAt = 0;
      let wroteSinceSave = false;
      const checkpointEveryMs = this.options.checkpointEveryMs ?? 1000;
      // The checkpoint save of a batch runs beside the next batches (at most one at a time): it is
      // started only once the batch's writes are acknowledged, but commands do not wait for it.
      let saving: Promise<void> = Promise.resolve();
      this.finalCheckpoints.push(async () => {
        await saving;
        if (status.position > after) await projector.saveCheckpoint(status.position);
      });
      this.subscribe(after, onError, async (events) => {
        const changed = await projector.apply(events.map(fromRecorded));
        const last = events[events.length - 1].position;
        status.position = last;
        status.lastError = status.lastErrorAt = undefined;
        this.wake();
        // Documents carry their own position, so replaying past a lagging checkpoint changes
        // nothing: save it at most once per interval instead of after every small batch, and
        // for a read model that only skipped events (nothing to redo but reading), rarely:
        // every save is a write that the server's other writes queue behind.
        wroteSinceSave ||= changed > 0;
        const since = Date.now() - savedAt;
        if (checkpointEveryMs === 0 || (wroteSinceSave && since >= checkpointEveryMs) || since >= Math.max(checkpointEveryMs, IDLE_CHECKPOINT_MS)) {
          wroteSinceSave = false;
          savedAt = Date.now();
          saving = saving.then(() => projector.saveCheckpoint(last)).catch(onError);
        }
      });
    } catch (e) {
      if (!(e instanceof AbortedError)) onError(e);
    }
  }

  /** Follows the log after `after`, retrying a failed batch (with back-off) until it passes or the runner stops. */
  private subscribe(after: number, onError: (e: unknown) => void, onBatch: (events: RecordedEvent[]) => Promise<void>) {
    const { signal } = this.abort;
    const subscription = this.options.store.subscribeToAll({
      after,
      batchSize: this.options.batchSize ?? 500,
      onBatch: (events) => retryUntilAborted(() => onBatch(events), { signal, onError }),
      onError: (e) => {
        if (!(e instanceof AbortedError)) onError(e);
      },
    });
    this.subscriptions.push(subscription);
  }

  /** Records a read model's failure in its status, reports it and wakes the waiting commands. */
  private failureReporter(status: ProjectionStatus) {
    return (e: unknown) => {
      status.lastError = e instanceof Error ? e.message : String(e);
      status.lastErrorAt = new Date().toISOString();
      this.options.onError?.(status.name, e);
      this.wake();
    };
  }

  status(): ProjectionStatus[] {
    return [...this.status_.values()].map((s) => ({ ...s }));
  }

  /**
   * Resolves true once every projection that handles one of `types` (all projections when `types`
   * is omitted) has applied the log up to `position` (read-your-writes), false after the timeout,
   * or at once while a lagging projection is failing (MongoDB down): commands then answer without
   * waiting for read models that cannot move. A read model that handles none of a command's event
   * types cannot show its effect, so the command does not wait for it.
   */
  async waitFor(position: number, timeoutMs = 5000, types?: readonly string[]): Promise<boolean> {
    const concerned = types
      ? this.handles.filter((p) => p.handles.some((t) => types.includes(t))).map((p) => this.status_.get(p.name)!)
      : [...this.status_.values()];
    const check = (): boolean | undefined => {
      if (concerned.every((s) => s.position >= position)) return true;
      if (concerned.some((s) => s.position < position && s.lastErrorAt && Date.now() - Date.parse(s.lastErrorAt) < 10000)) return false;
      return undefined;
    };
    const now = check();
    if (now !== undefined) return now;
    return new Promise<boolean>((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(result);
      };
      const waiter = () => {
        const result = check();
        if (result !== undefined) finish(result);
      };
      const timer = setTimeout(() => finish(check() ?? false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Re-checks every waiting read-your-writes caller (a projection moved or failed). */
  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.subscriptions.splice(0).map((s) => s.stop()));
    await Promise.all(this.finalCheckpoints.splice(0).map((save) => save().catch(() => undefined)));
    for (const s of this.status_.values()) s.running = false;
    this.wake();
  }
}

export interface RebuildOptions {
  store: EventStore;
  connection: Connection;
  projection: DocumentProjection<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Events per read from the log. */
  batchSize?: number;
  /**
   * Events folded in memory before the touched documents are written (once each) and the
   * checkpoint saved: large windows make a rebuild write each document about once.
   */
  windowEvents?: number;
  onProgress?: (progress: Progress) => void;
  /** Continue an interrupted rebuild from its checkpoint instead of dropping the read model. */
  resume?: boolean;
}

/**
 * Drops a read model and replays the whole log into it, in large batches, saving the checkpoint
 * after each: if the process dies midway, `resume` (or the live runner) continues from there and
 * the result is the same fold of the log.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<{ events: number; seconds: number }> {
  const projector = new MongoProjector(options.connection, options.projection);
  let after = 0;
  if (options.resume) {
    await projector.ensureIndexes();
    after = (await projector.checkpoint()) ?? 0;
  } else {
    await projector.reset();
  }
  const head = await options.store.headPosition();
  const start = after;
  const startedAt = Date.now();
  const total = Math.max(0, head - start);
  let events = 0;
  const report = () => options.onProgress?.({ done: Math.min(total, after - start), total, events, startedAt });
  report();
  const batchSize = options.batchSize ?? 2000;
  const windowEvents = options.windowEvents ?? 50_000;
  let window: ProjectedEvent[] = [];
  let read = after;
  const flush = async () => {
    if (window.length === 0) return;
    await projector.apply(window);
    after = window[window.length - 1].position;
    await projector.saveCheckpoint(after);
    events += window.length;
    window = [];
    report();
  };
  while (read < head) {
    const page = await options.store.readAll({ after: read, maxCount: batchSize });
    if (page.length === 0) break;
    for (const e of page) window.push(fromRecorded(e));
    read = page[page.length - 1].position;
    if (window.length >= windowEvents) await flush();
  }
  await flush();
  return { events, seconds: (Date.now() - startedAt) / 1000 };
}
