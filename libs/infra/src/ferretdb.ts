import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withLock } from './lock';
import { cacheRoot, repoRoot } from './paths';
import { freePort, LOOPBACK, poll } from './ports';
import { ManagedProcess, run, spawnLogged, tailFile } from './process';

export const FERRETDB_VERSION = '1.24.2';

export function ferretDbSourceDir(): string {
  return join(repoRoot(), 'libs', 'infra', 'ferretdb');
}

/** Short hash of the Go sources, so editing main.go or bumping go.mod rebuilds into a new cache slot. */
function sourceHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) {
    const path = join(dir, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
  }
  return hash.digest('hex').slice(0, 12);
}

function goEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, CGO_ENABLED: '0', GOFLAGS: [env.GOFLAGS, '-mod=mod'].filter(Boolean).join(' ') };
}

/**
 * Makes sure the FerretDB binary (built from libs/infra/ferretdb) is in the per-user cache and
 * returns its path. The binary only appears under its final name once `go build` succeeded.
 */
export async function installFerretDb(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const src = ferretDbSourceDir();
  if (!existsSync(join(src, 'go.sum'))) {
    // go.sum belongs in the repository; create it once (it then changes the hash below)
    await run('go', ['mod', 'tidy'], { cwd: src, env: goEnv(env) });
  }
  const dir = join(cacheRoot(env), `ferretdb-${FERRETDB_VERSION}-${sourceHash(src)}`);
  const binary = join(dir, 'ferretdb-embedded');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  await withLock(
    `${dir}.lock`,
    async () => {
      if (existsSync(binary)) return;
      process.stderr.write(`building FerretDB ${FERRETDB_VERSION} (first run only)...\n`);
      const started = Date.now();
      const partial = `${binary}.partial-${process.pid}`;
      try {
        await run('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', partial, '.'], { cwd: src, env: goEnv(env) });
        renameSync(partial, binary);
      } finally {
        rmSync(partial, { force: true });
      }
      process.stderr.write(`FerretDB ${FERRETDB_VERSION} built (${Math.round((Date.now() - started) / 1000)} s)\n`);
    },
    { onWait: (owner) => process.stderr.write(`waiting for ${owner} to finish building FerretDB...\n`) },
  );
  return binary;
}

export interface FerretDb {
  readonly url: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

export interface FerretDbOptions {
  /** Directory for the SQLite files and the log. */
  dataDir: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Fixed port, e.g. to restart a server at the same address in a fault test; default: a free one. */
  port?: number;
}

export async function startFerretDb(options: FerretDbOptions): Promise<FerretDb> {
  const env = options.env ?? process.env;
  const binary = await installFerretDb(env);
  const sqliteDir = join(options.dataDir, 'sqlite');
  mkdirSync(sqliteDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const logFile = join(options.dataDir, 'ferretdb.log');
  const proc = await spawnLogged(
    'ferretdb',
    binary,
    ['--listen-addr', `${LOOPBACK}:${port}`, '--sqlite-url', `file:${sqliteDir}/`, '--log-level', 'warn'],
    { cwd: options.dataDir, env, logFile },
  );
  const url = `mongodb://${LOOPBACK}:${port}/`;
  try {
    await waitForMongo(url, {
      timeoutMs: options.timeoutMs ?? 30_000,
      abortIf: () => {
        if (!proc.isRunning()) throw new Error('FerretDB exited during start-up');
      },
    });
  } catch (error) {
    await proc.stop();
    throw new Error(`${(error as Error).message}\n--- tail of ${logFile} ---\n${tailFile(logFile)}`);
  }
  return { url, process: proc, stop: () => proc.stop() };
}

/** Waits until a MongoDB-compatible server answers `ping` (mongodb driver, loaded only when needed). */
export async function waitForMongo(url: string, options: { timeoutMs?: number; abortIf?: () => void } = {}): Promise<void> {
  const { MongoClient } = await import('mongodb');
  await poll(
    `MongoDB at ${url.replace(/\/\/[^@/]*@/, '//***@')}`,
    async () => {
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
      try {
        await client.connect();
        await client.db('admin').command({ ping: 1 });
        return true;
      } finally {
        await client.close().catch(() => undefined);
      }
    },
    { timeoutMs: options.timeoutMs ?? 60_000, abortIf: options.abortIf },
  );
}
