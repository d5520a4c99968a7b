import {
  ANY,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent, AppendStreamState, ResolvedEvent } from '@kurrent/kurrentdb-client';
import {
  AppendOptions,
  AppendResult,
  CheckpointStore,
  ConcurrencyError,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  ValidationError,
  describeExpected,
  newEventId,
} from '@opn/kernel';
import { pollingSubscription } from '../polling-subscription';

/** What we keep in ESDB's metadata beside the caller's own metadata. */
interface StoredMetadata extends EventMetadata {
  $correlationId?: string;
  $causationId?: string;
  schemaVersion?: number;
  occurredAt?: string;
}

const CHECKPOINT_PREFIX = 'opn-checkpoint-';

/**
 * EventStoreDB / KurrentDB through the official gRPC client, used when EVENTSTORE_URL is set.
 * Global positions are the server's commit positions (exact integers up to 2^53, which a
 * single node reaches after ~9 PB of log). Checkpoints are kept in `opn-checkpoint-<name>`
 * streams truncated to their last event ($maxCount = 1).
 */
export class KurrentDbEventStore implements EventStore, CheckpointStore {
  readonly kind = 'kurrentdb';
  private readonly client: KurrentDBClient;

  constructor(connectionString: string, private readonly pollIntervalMs = 100) {
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (!streamId) throw new ValidationError('stream id must not be empty');
    if (events.length === 0) throw new ValidationError('append needs at least one event');
    const prepared = events.map((e) => {
      const metadata: StoredMetadata = {
        ...(e.metadata ?? {}),
        $correlationId: e.metadata?.correlationId,
        $causationId: e.metadata?.causationId,
        schemaVersion: e.version ?? 1,
        occurredAt: (e.occurredAt ?? new Date()).toISOString(),
      };
      return jsonEvent({ id: e.id ?? newEventId(), type: e.type, data: (e.data ?? null) as never, metadata: metadata as never });
    });
    const expected = options.expectedRevision ?? 'any';
    try {
      const result = await this.client.appendToStream(streamId, prepared, { streamState: toStreamState(expected) });
      // The gRPC append answers with the stream revision and commit position but not each event's:
      // read the just-written events back so callers get full records.
      const last = Number(result.nextExpectedRevision);
      const written = await this.readStream(streamId, { fromRevision: last - events.length + 1, maxCount: events.length });
      return { nextExpectedRevision: last, lastPosition: written[written.length - 1]?.position ?? 0, events: written };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = await this.streamRevision(streamId);
        throw new ConcurrencyError(streamId, describeExpected(expected), String(actual));
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of reading) {
        const e = toRecorded(resolved);
        if (e) out.push(e);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async streamRevision(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: 'backwards', fromRevision: END, maxCount: 1 })) {
        return Number(resolved.event?.revision ?? -1);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1;
      throw error;
    }
    return -1;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? 1000;
    const out: RecordedEvent[] = [];
    const fromPosition = after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START;
    // $all reads are inclusive and carry system events: over-read by one and filter.
    for await (const resolved of this.client.readAll({ fromPosition, maxCount: maxCount + 1, filter: excludeSystemEvents() })) {
      const e = toRecorded(resolved);
      if (e && e.position > after && !e.streamId.startsWith(CHECKPOINT_PREFIX)) out.push(e);
      if (out.length === maxCount) break;
    }
    return out;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: 'backwards', fromPosition: END, maxCount: 1 })) {
      return Number((resolved as AllStreamResolvedEvent).event?.position.commit ?? 0);
    }
    return 0;
  }

  /**
   * Catch-up by paging $all keeps delivery strictly sequential and awaited, like the embedded
   * adapter; the server's push subscription would need its own back-pressure handling.
   */
  subscribeToAll(options: SubscribeOptions): Subscription {
    return pollingSubscription(this, options, { pollIntervalMs: this.pollIntervalMs });
  }

  async load(name: string): Promise<number | undefined> {
    const events = await this.readStream(CHECKPOINT_PREFIX + name, { fromRevision: 0 });
    const last = events[events.length - 1];
    return last ? (last.data as { position: number }).position : undefined;
  }

  async save(name: string, position: number): Promise<void> {
    const stream = CHECKPOINT_PREFIX + name;
    const result = await this.client.appendToStream(stream, jsonEvent({ type: 'CheckpointSaved', data: { position } }));
    if (result.nextExpectedRevision === 0n) {
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
    }
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ maxCount: 1, fromPosition: START })) break;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || !e.isJson || e.type.startsWith('$')) return undefined;
  const stored = (e.metadata ?? {}) as StoredMetadata;
  const { $correlationId, $causationId, schemaVersion, occurredAt, ...metadata } = stored;
  void $correlationId;
  void $causationId;
  return {
    id: e.id,
    type: e.type,
    version: schemaVersion ?? 1,
    data: e.data,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: Number(e.position?.commit ?? resolved.commitPosition ?? 0),
    occurredAt: occurredAt ? new Date(occurredAt) : e.created,
    recordedAt: e.created,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    metadata,
  };
}
