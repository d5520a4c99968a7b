import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Children must not outlive us: on exit (normal or process.exit) SIGKILL whatever is left, synchronously. */
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of running) {
        try {
          c.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

function spawnError(command: string, error: NodeJS.ErrnoException): Error {
  return error.code === 'ENOENT'
    ? new Error(`\`${command}\` not found on PATH (needed by the local infrastructure launcher)`)
    : error;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<Exit>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here; they are never inherited so tests stay quiet. */
  logFile: string;
}

export async function spawnLogged(name: string, command: string, args: string[], options: SpawnOptions): Promise<ManagedProcess> {
  const fd = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(spawnError(command, error)));
  });
  track(child);
  // Unreferenced so a forgotten stop() never keeps Node alive; the exit hook still kills it.
  child.unref();

  let alive = true;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  // While someone awaits the exit, the child must hold the event loop open again.
  const waitExit = async () => {
    child.ref();
    await exited;
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (alive) child.kill(signal);
    await waitExit();
  };
  return {
    name,
    pid: child.pid as number,
    logFile: options.logFile,
    exited,
    isRunning: () => alive,
    kill,
    async stop(graceMs = 10_000) {
      if (!alive) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
      const result = await Promise.race([waitExit(), timedOut]);
      clearTimeout(timer);
      if (result === 'timeout') await kill('SIGKILL');
    },
  };
}

/** Runs a command to completion, capturing its output; rejects with the output's tail on failure. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; /** resolve with stdout only (default: stdout and stderr) */ stdoutOnly?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    const chunks: Buffer[] = [];
    const stdout: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => (chunks.push(c), stdout.push(c)));
    child.stderr?.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', (error) => reject(spawnError(command, error)));
    child.once('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      if (code === 0) resolve(options.stdoutOnly ? Buffer.concat(stdout).toString('utf8') : output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${lastLines(output, 30)}`));
    });
  });
}

export function lastLines(text: string, count: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-count).join('\n');
}

/** The last `count` lines of a (possibly large, possibly missing) file. */
export function tailFile(path: string, count = 30): string {
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return lastLines(buffer.toString('utf8'), count);
  } catch {
    return '';
  }
}
