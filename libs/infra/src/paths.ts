import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const MARKER = join('libs', 'infra', 'ferretdb', 'go.mod');

function findUp(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, MARKER))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The checkout root, found from this file (works from src/ and from dist/) or else from the cwd. */
export function repoRoot(): string {
  const root = findUp(__dirname) ?? findUp(process.cwd());
  if (!root) throw new Error(`cannot find the repository root (no ${MARKER} above ${__dirname} or ${process.cwd()})`);
  return root;
}

/** Per-user cache shared by every checkout: `${XDG_CACHE_HOME:-~/.cache}/opn`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'opn');
}

/** A fresh `run-<timestamp>-<pid>-<random>` directory under `parent` (created). */
export function createRunDir(parent: string): string {
  mkdirSync(parent, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return mkdtempSync(join(parent, `run-${stamp}-${process.pid}-`));
}

export function defaultDataRoot(tmp = false): string {
  return tmp ? join(tmpdir(), 'opn-infra') : join(repoRoot(), '.infra');
}
