// Lints in-memory snippets with the repository's ESLint config, as if each were the file at its
// `filePath`: reads [{ filePath, code }] as JSON on stdin, writes [messages] as JSON on stdout.
// Used by module-boundaries.unit.spec.ts from a child process, because ESLint loads
// eslint.config.mjs with a dynamic import(), which jest's sandbox refuses without
// --experimental-vm-modules.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const cwd = resolve(import.meta.dirname, '../..');
const snippets = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd });
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: resolve(cwd, filePath) });
  results.push(result.messages.map(({ ruleId, message, line, fatal }) => ({ ruleId, message, line, fatal })));
}
process.stdout.write(JSON.stringify(results));
