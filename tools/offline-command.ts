// The process side of the offline commands (`npm run -s network`, `npm run -s reco`): real files,
// stdout and stderr for the command's logic, whose I/O is passed in so that the tests run it in
// process. Exit code from the logic; 1 and the stack on stderr for an unexpected failure.
import { readFileSync } from 'node:fs';
import type { CommandIo } from '@opn/network-metrics';

export function runOfflineCommand(name: string, run: (argv: readonly string[], io: CommandIo) => number): void {
  // A reader that stops early (`| head`) closes the pipe: not a failure of the command.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  try {
    // exitCode, not exit(): a large report on a pipe must be flushed before the process ends.
    process.exitCode = run(process.argv.slice(2), {
      readFile: (path) => readFileSync(path, 'utf8'),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } catch (e) {
    process.stderr.write(`${name}: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
