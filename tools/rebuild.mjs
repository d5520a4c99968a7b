// `npm run rebuild -- <service> [projection ...] [--resume]`: runs that service's rebuild CLI
// (dist/services/<service>/src/rebuild.js, built by `npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = readdirSync(join(root, 'services')).filter((s) => existsSync(join(root, 'services', s, 'src', 'rebuild.ts')));
const [service, ...rest] = process.argv.slice(2);
if (!service || !services.includes(service)) {
  console.error(`usage: npm run rebuild -- <service> [projection ...] [--resume]\nservices: ${services.join(', ')}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--enable-source-maps', join(root, 'dist', 'services', service, 'src', 'rebuild.js'), ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
