// `npm run -s network -- openness --edges EDGES.csv --groups GROUPS.csv`: the offline openness
// metrics of any graph (see libs/network-metrics/README.md). This file only reads the files and
// prints; the logic is runNetworkCommand of @opn/network-metrics, which the services reuse.
import { readFileSync } from 'node:fs';
import { runNetworkCommand } from '@opn/network-metrics';

// A reader that stops early (`| head`) closes the pipe: not a failure of the command.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

try {
  // exitCode, not exit(): a large report on a pipe must be flushed before the process ends.
  process.exitCode = runNetworkCommand(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (e) {
  process.stderr.write(`network: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
