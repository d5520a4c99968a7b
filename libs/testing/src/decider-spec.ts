import { Decider, DomainError, DomainEvent, RecordedEvent, ValidationError } from '@opn/kernel';

/**
 * given/when/then for pure deciders:
 *
 *   const spec = DeciderSpecification.for(companyDecider);
 *   spec.given([companyRegistered]).when(updateProfile).then([companyProfileUpdated]);
 *   spec.given([]).when(updateProfile).thenThrows(NotFoundError, /company/);
 */
export const DeciderSpecification = {
  for<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
    return {
      given(events: Event[]) {
        return {
          when(command: Command) {
            const run = () => {
              const state = events.reduce(decider.evolve, decider.initialState());
              const result = decider.decide(command, state);
              return Array.isArray(result) ? result : [result];
            };
            return {
              then(expected: Event[]): void {
                expect(run()).toEqual(expected);
              },
              thenNothingHappens(): void {
                expect(run()).toEqual([]);
              },
              thenThrows<E extends DomainError>(
                type: new (...args: never[]) => E,
                check?: RegExp | ((error: E) => void),
              ): void {
                let thrown: unknown;
                try {
                  run();
                } catch (e) {
                  thrown = e;
                }
                expect(thrown).toBeInstanceOf(type);
                if (check instanceof RegExp) expect((thrown as E).message).toMatch(check);
                else if (check) check(thrown as E);
              },
              /** The field errors of the ValidationError the command is refused with (every bad field at once). */
              thenValidationDetails(): unknown {
                let details: unknown;
                this.thenThrows(ValidationError, (e) => {
                  details = e.details;
                });
                return details;
              },
              /** The state after the given events and the decided ones, for assertions on evolve. */
              thenState(assert: (state: State) => void): void {
                const all = [...events, ...run()];
                assert(all.reduce(decider.evolve, decider.initialState()));
              },
            };
          },
        };
      },
    };
  },
};

/**
 * The events a decider decides for `commands` run one after the other from its initial state:
 * the stored events of a scenario, e.g. to feed an outbound mapper or a projection.
 */
export function decideAll<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, commands: Command[]): Event[] {
  let state = decider.initialState();
  const out: Event[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    for (const event of Array.isArray(decided) ? decided : [decided]) {
      state = decider.evolve(state, event);
      out.push(event);
    }
  }
  return out;
}

/** Stores domain events as the event store would record them (positions counting up from 1, all at `at`). */
export function recorder(at: string): (streamId: string) => (event: DomainEvent) => RecordedEvent {
  let position = 0;
  return (streamId) => (event) => {
    position++;
    return { id: `e-${position}`, type: event.type, version: 1, data: event.data, streamId, revision: position, position, occurredAt: new Date(at), recordedAt: new Date(at), metadata: {} };
  };
}
