import { currentCorrelationId } from './correlation';
import { Decider, Upcaster, identityUpcaster } from './decider';
import { ConcurrencyError } from './errors';
import { DomainEvent, EventMetadata, NewEvent, RecordedEvent } from './event';
import { EventStore, ExpectedRevision, revisionMatches } from './event-store';
import { deterministicId } from './uuid';

export interface HandleOptions<Event extends DomainEvent> {
  /**
   * Revision the client last saw (from an ETag / If-Match). When given, a mismatch is a
   * ConcurrencyError with status 412 instead of being decided on fresher state.
   */
  expectedRevision?: ExpectedRevision;
  /**
   * Makes the command safe to retry: a command whose key was already recorded on the
   * stream appends nothing and returns the events recorded the first time.
   */
  idempotencyKey?: string;
  metadata?: EventMetadata;
  upcast?: Upcaster<Event>;
  /** Schema version stamped on new events, per type (default 1). */
  versions?: Partial<Record<Event['type'], number>>;
}

export interface HandleResult<State, Event extends DomainEvent> {
  streamId: string;
  state: State;
  /** Events this command recorded (on an idempotent replay: the ones recorded the first time). */
  events: RecordedEvent<Event>[];
  /** Revision of the stream after the command: the ETag for the next If-Match. */
  revision: number;
  /** True when the idempotency key had already been handled and nothing was appended. */
  replayed: boolean;
}

interface Loaded<State> {
  state: State;
  revision: number;
  byKey: Map<string, RecordedEvent[]>;
}

export async function loadAggregate<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  upcast: Upcaster<Event> = identityUpcaster,
): Promise<Loaded<State>> {
  const recorded = await store.readStream(streamId);
  let state = decider.initialState();
  const byKey = new Map<string, RecordedEvent[]>();
  for (const e of recorded) {
    state = decider.evolve(state, upcast(e));
    const key = e.metadata.idempotencyKey;
    if (typeof key === 'string') {
      const list = byKey.get(key);
      if (list) list.push(e);
      else byKey.set(key, [e]);
    }
  }
  return { state, revision: recorded.length ? recorded[recorded.length - 1].revision : -1, byKey };
}

/**
 * Load, decide, append with the loaded revision as the expected one. A concurrent writer makes
 * the append fail with ConcurrencyError (409): the command is never silently applied on state
 * it did not see. With an idempotency key, a retry that lost the race to its own twin is
 * answered with the twin's events instead.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleOptions<Event> = {},
): Promise<HandleResult<State, Event>> {
  const upcast = options.upcast ?? (identityUpcaster as Upcaster<Event>);
  const key = options.idempotencyKey;
  const loaded = await loadAggregate(store, streamId, decider, upcast);
  const replay = key ? replayOf(streamId, loaded, key) : undefined;
  if (replay) return replay as HandleResult<State, Event>;

  const expected = options.expectedRevision;
  if (expected !== undefined && !revisionMatches(expected, loaded.revision)) {
    throw new ConcurrencyError(streamId, String(expected), String(loaded.revision), true);
  }

  const decided = decider.decide(command, loaded.state);
  const events = Array.isArray(decided) ? decided : [decided];
  if (events.length === 0) {
    return { streamId, state: loaded.state, events: [], revision: loaded.revision, replayed: false };
  }
  // Without an explicit one, the correlation id of the work in progress (a request, a handled event).
  const correlationId = options.metadata?.correlationId ?? currentCorrelationId();
  const metadata: EventMetadata = { ...options.metadata, ...(correlationId ? { correlationId } : {}), ...(key ? { idempotencyKey: key } : {}) };
  const toAppend: NewEvent[] = events.map((e, i) => ({
    // With a key, ids are derived from it so even a store-level duplicate is recognisable.
    id: key ? deterministicId('opn.event', streamId, key, String(i)) : undefined,
    type: e.type,
    version: options.versions?.[e.type as Event['type']] ?? 1,
    data: e.data,
    metadata,
  }));
  try {
    const result = await store.appendToStream(streamId, toAppend, {
      expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision,
    });
    const state = events.reduce(decider.evolve, loaded.state);
    return {
      streamId,
      state,
      events: result.events as RecordedEvent<Event>[],
      revision: result.nextExpectedRevision,
      replayed: false,
    };
  } catch (error) {
    if (error instanceof ConcurrencyError && key) {
      const again = await loadAggregate(store, streamId, decider, upcast);
      const twin = replayOf(streamId, again, key);
      if (twin) return twin as HandleResult<State, Event>;
    }
    // The client's revision matched when loaded, but another writer appended before this command's
    // append was written (concurrent commands, e.g. in one group commit): the client's precondition
    // no longer holds, so it is answered as such (412), like a stale revision caught at load time.
    if (error instanceof ConcurrencyError && expected !== undefined && error.status !== 412) {
      throw new ConcurrencyError(streamId, String(expected), error.actual, true);
    }
    throw error;
  }
}

function replayOf<State>(streamId: string, loaded: Loaded<State>, key: string) {
  const previous = loaded.byKey.get(key);
  if (!previous) return undefined;
  return { streamId, state: loaded.state, events: previous, revision: loaded.revision, replayed: true };
}

/**
 * A decider bound once to its stream naming (and its upcaster and event versions), as Emmett's
 * `CommandHandler` does: call sites name the aggregate's id, never its stream or decider again.
 */
export interface CommandHandler<State, Command, Event extends DomainEvent> {
  readonly decider: Decider<State, Command, Event>;
  streamId(id: string): string;
  handle(store: EventStore, id: string, command: Command, options?: Omit<HandleOptions<Event>, 'upcast' | 'versions'>): Promise<HandleResult<State, Event>>;
  load(store: EventStore, id: string): Promise<{ state: State; revision: number }>;
}

export function commandHandler<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  streamId: (id: string) => string,
  defaults: Pick<HandleOptions<Event>, 'upcast' | 'versions'> = {},
): CommandHandler<State, Command, Event> {
  return {
    decider,
    streamId,
    handle: (store, id, command, options = {}) => handleCommand(store, streamId(id), decider, command, { ...defaults, ...options }),
    load: async (store, id) => {
      const { state, revision } = await loadAggregate(store, streamId(id), decider, defaults.upcast);
      return { state, revision };
    },
  };
}
