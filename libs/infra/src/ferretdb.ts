import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { withLock } from './lock';
import { cacheRoot, repoRoot } from './paths';
import { freePort, LOOPBACK, poll } from './ports';
import { ManagedProcess, run, spawnLogged, tailFile } from './process';

export const FERRETDB_VERSION = '1.24.2';

export function ferretDbSourceDir(): string {
  return join(repoRoot(), 'libs', 'infra', 'ferretdb');
}

const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** The patches applied to FerretDB's module before it is built, in order (see patches/README.md). */
export function ferretDbPatches(src = ferretDbSourceDir()): string[] {
  const dir = join(src, 'patches');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => join(dir, f));
}

/** Short hash of the Go sources and patches, so editing any of them rebuilds into a new cache slot. */
function sourceHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) {
    const path = join(dir, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
  }
  for (const patch of ferretDbPatches(dir)) hash.update(basename(patch)).update(readFileSync(patch));
  return hash.digest('hex').slice(0, 12);
}

function goEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, CGO_ENABLED: '0', GOFLAGS: [env.GOFLAGS, '-mod=mod'].filter(Boolean).join(' ') };
}

/**
 * Copies FerretDB's module from Go's module cache into `work/FerretDB`, applies the patches and
 * returns a build directory whose go.mod replaces the module with that copy.
 */
async function preparePatchedBuild(src: string, work: string, env: NodeJS.ProcessEnv): Promise<string> {
  const download = JSON.parse(
    await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@v${FERRETDB_VERSION}`], { cwd: src, env: goEnv(env), stdoutOnly: true }),
  ) as { Dir?: string; Error?: string };
  if (!download.Dir) throw new Error(`go mod download ${FERRETDB_MODULE}: ${download.Error ?? 'no directory'}`);
  const module = join(work, 'FerretDB');
  cpSync(download.Dir, module, { recursive: true });
  makeWritable(module); // the module cache is read-only
  // GIT_CEILING_DIRECTORIES: apply to these files even if the cache sits inside some git work tree
  const gitEnv = { ...env, GIT_CEILING_DIRECTORIES: work };
  for (const patch of ferretDbPatches(src)) {
    await run('git', ['apply', '--whitespace=nowarn', '-p1', patch], { cwd: module, env: gitEnv });
  }
  const build = join(work, 'build');
  mkdirSync(build, { recursive: true });
  for (const file of ['main.go', 'go.mod', 'go.sum']) cpSync(join(src, file), join(build, file));
  await run('go', ['mod', 'edit', `-replace=${FERRETDB_MODULE}=../FerretDB`], { cwd: build, env: goEnv(env) });
  return build;
}

function makeWritable(path: string): void {
  const stat = statSync(path);
  chmodSync(path, stat.mode | 0o200);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/**
 * Makes sure the FerretDB binary (libs/infra/ferretdb, FerretDB's module with the patches in
 * libs/infra/ferretdb/patches) is in the per-user cache and returns its path. The binary only
 * appears under its final name once `go build` succeeded.
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
      const patches = ferretDbPatches(src);
      process.stderr.write(`building FerretDB ${FERRETDB_VERSION} with ${patches.length} patch(es) (first run only)...\n`);
      const started = Date.now();
      const partial = `${binary}.partial-${process.pid}`;
      const work = join(dir, `work-${process.pid}`);
      try {
        rmSync(work, { recursive: true, force: true });
        const build = await preparePatchedBuild(src, work, env);
        await run('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', partial, '.'], { cwd: build, env: goEnv(env) });
        renameSync(partial, binary);
      } finally {
        rmSync(partial, { force: true });
        rmSync(work, { recursive: true, force: true });
      }
      process.stderr.write(`FerretDB ${FERRETDB_VERSION} built (${Math.round((Date.now() - started) / 1000)} s)\n`);
    },
    { onWait: (owner) => process.stderr.write(`waiting for ${owner} to finish building FerretDB...\n`) },
  );
  return binary;
}

/**
 * SQLite settings of the read models' server. FerretDB runs WAL; `synchronous=NORMAL` stops it
 * from fsyncing every statement (a bulk of 16 replaces: 21-46 ms with FULL, 7-15 ms with NORMAL).
 * A process crash loses nothing; a power loss may roll back the last commits, always a suffix and
 * never corrupting. Read models are derived data and each one's checkpoint sits in the same file
 * and is written after its documents, so a rolled-back suffix takes the checkpoint back with it and
 * the projector re-applies those events from the log at start-up (documents skip what they have).
 * The event log itself (the truth) keeps synchronous=FULL. A real MongoDB (MONGODB_URL) is not
 * affected: its write concern is its own.
 */
export const SQLITE_PRAGMAS = '_pragma=synchronous(NORMAL)';

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
    ['--listen-addr', `${LOOPBACK}:${port}`, '--sqlite-url', `file:${sqliteDir}/?${SQLITE_PRAGMAS}`, '--log-level', 'warn'],
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
