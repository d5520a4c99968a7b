import { NewEvent, RecordedEvent } from './event';

/**
 * What the writer expects the stream to be at:
 * - a number: the revision of the stream's last event (0-based);
 * - 'no_stream': the stream must not exist yet;
 * - 'stream_exists': any revision, but the stream must exist;
 * - 'any': no check.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last appended event: pass it as expectedRevision for the next append. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  lastPosition: number;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. Default: from the start. */
  after?: number;
  maxCount?: number;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Called once per event, in log order; the next one waits until it resolves. */
  onEvent?: (event: RecordedEvent) => Promise<void> | void;
  /** Alternative to onEvent: called with each page read (up to batchSize events), in log order. */
  onBatch?: (events: RecordedEvent[]) => Promise<void> | void;
  /** Called when the subscription stops on an error (including one thrown by onEvent). */
  onError?: (error: unknown) => void;
  /** Page size of catch-up reads. */
  batchSize?: number;
}

export interface Subscription {
  /** Stops delivering; resolves when the event in flight (if any) is done. */
  stop(): Promise<void>;
  /** Resolves when the subscription ends (stopped or failed). */
  readonly done: Promise<void>;
}

/**
 * The event-sourcing port. Two adapters implement it and pass one contract suite
 * (`describeEventStoreContract` in @opn/event-store): embedded SQLite (default) and
 * EventStoreDB/KurrentDB (when EVENTSTORE_URL is set).
 */
export interface EventStore {
  readonly kind: string;
  /** Appends atomically (all or none) or throws ConcurrencyError. */
  appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in revision order; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or -1 when it does not exist. */
  streamRevision(streamId: string): Promise<number>;
  /** A page of the global log in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the global log, or 0 when empty. */
  headPosition(): Promise<number>;
  /** Catch up from `after`, then follow live appends, one event at a time. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Reports whether the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Named positions in the global log (relay and projection progress) kept beside the events. */
export interface CheckpointStore {
  load(name: string): Promise<number | undefined>;
  save(name: string, position: number): Promise<void>;
}

export const describeExpected = (e: ExpectedRevision | undefined): string =>
  e === undefined ? 'any' : String(e);

/** Whether a stream at `actual` (-1: no stream) satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual < 0;
    case 'stream_exists':
      return actual >= 0;
    default:
      return expected === actual;
  }
}
