// `npm run -s import-members -- --territory ID --file members.csv [--dry-run] [--url URL]`, with
// OPN_TOKEN set to a coordinator's access token: see cli/import-members.ts.
import { readFileSync } from 'node:fs';
import { runImportMembers } from './cli/import-members';

if (require.main === module) {
  runImportMembers(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    fetch,
    stdout: (text) => process.stdout.write(text),
    stderr: process.stderr,
    token: process.env.OPN_TOKEN,
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`import-members: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
