// One of N writer threads contending on one stream, round by round (a shared barrier starts each round).
import { SqliteEventStore } from '@opn/event-store';
import { ConcurrencyError, handleCommand } from '@opn/kernel';
import { parentPort, workerData } from 'node:worker_threads';
import { counterDecider } from '../support/counter';

interface Input {
  file: string;
  stream: string;
  writer: number;
  writers: number;
  rounds: number;
  barrier: SharedArrayBuffer;
}

async function main() {
  const { file, stream, writer, writers, rounds, barrier } = workerData as Input;
  const store = new SqliteEventStore({ filename: file });
  const counter = new Int32Array(barrier);
  // Sense-reversing barrier over [arrived, generation].
  const wait = () => {
    const generation = Atomics.load(counter, 1);
    if (Atomics.add(counter, 0, 1) === writers - 1) {
      Atomics.store(counter, 0, 0);
      Atomics.add(counter, 1, 1);
      Atomics.notify(counter, 1);
    } else {
      while (Atomics.load(counter, 1) === generation) Atomics.wait(counter, 1, generation, 50);
    }
  };
  const results: Array<'won' | 'conflict'> = [];
  for (let round = 0; round < rounds; round++) {
    // All writers read the same revision, then all try to append on it.
    wait();
    const revision = await store.streamRevision(stream);
    wait();
    try {
      await handleCommand(store, stream, counterDecider, { type: 'Increment', by: 1, writer }, { expectedRevision: revision < 0 ? 'no_stream' : revision });
      results.push('won');
    } catch (error) {
      // 412 when the stream moved before this writer loaded it, 409 when it moved between load and append.
      if (!(error instanceof ConcurrencyError)) throw error;
      results.push('conflict');
    }
    wait();
  }
  await store.close();
  parentPort!.postMessage(results);
}
main().catch((e) => {
  throw e;
});
