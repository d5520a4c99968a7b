// Compiles every TypeScript file of services/, libs/, test/ and tools/ to dist/ with swc
// (decorator metadata on, path aliases rewritten to relative requires). Type checking is
// `npm run typecheck` (tsc); this only emits, in about a second.
import { transformFile } from '@swc/core';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = join(dir, name);
    // The web app is bundled for the browser by Vite (`npm run build:web`), not compiled for Node.
    if (full === join(root, 'services', 'web')) continue;
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts')) files.push(full);
  }
};
for (const top of ['services', 'libs', 'test', 'tools']) {
  try {
    walk(join(root, top));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}

rmSync(out, { recursive: true, force: true });
const started = Date.now();
await Promise.all(
  files.map(async (file) => {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      outputPath: target,
      sourceMaps: true,
      jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
console.error(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
