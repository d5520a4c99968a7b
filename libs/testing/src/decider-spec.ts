import { Decider, DomainError, DomainEvent, ValidationError } from '@opn/kernel';

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
