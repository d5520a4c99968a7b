import { Decider } from '@opn/kernel';

export type CounterCommand = { type: 'Increment'; by: number; writer: number };
export type CounterEvent = { type: 'Incremented'; data: { by: number; writer: number } };
export type CounterState = { value: number };

/** The smallest aggregate: used by reliability tests that need many contended commands. */
export const counterDecider: Decider<CounterState, CounterCommand, CounterEvent> = {
  initialState: () => ({ value: 0 }),
  evolve: (state, event) => ({ value: state.value + event.data.by }),
  decide: (command) => [{ type: 'Incremented', data: { by: command.by, writer: command.writer } }],
};
