import { DomainEvent, RecordedEvent } from './event';

/**
 * A pure aggregate: no I/O, no clock (time comes in on the command), no randomness
 * (ids come in on the command). `decide` throws a DomainError when the command is refused.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  decide(command: Command, state: State): Event | Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Turns a stored event (maybe of an old schema version) into the current domain event. */
export type Upcaster<Event extends DomainEvent> = (event: RecordedEvent) => Event;

export const identityUpcaster = <Event extends DomainEvent>(e: RecordedEvent): Event =>
  ({ type: e.type, data: e.data }) as Event;

export const fold = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  events: Event[],
): State => events.reduce(decider.evolve, decider.initialState());

/** Compile-time exhaustiveness check for `switch` over event and command unions. */
export const assertNever = (value: never): never => {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
};
