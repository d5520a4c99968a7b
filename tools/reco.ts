// `npm run -s reco -- links|eval|search ...`: the offline recommendation
// commands on any graph or company list (see libs/recommender/README.md). This file only reads the files and
// prints; the logic is runRecoCommand of @opn/recommender, which the services reuse.
import { readFileSync } from 'node:fs';
import { runRecoCommand } from '@opn/recommender';

// A reader that stops early (`| head`) closes the pipe: not a failure of the command.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

try {
  // exitCode, not exit(): a large report on a pipe must be flushed before the process ends.
  process.exitCode = runRecoCommand(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (e) {
  process.stderr.write(`reco: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
