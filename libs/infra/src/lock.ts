import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

interface Owner {
  pid: number;
  host: string;
  since: number;
}

export interface LockOptions {
  /** A lock older than this is considered abandoned even if its owner looks alive. */
  staleMs?: number;
  timeoutMs?: number;
  /** Called once if we have to wait for another process. */
  onWait?: (owner: string) => void;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockDir: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

function isStale(lockDir: string, staleMs: number): boolean {
  const owner = readOwner(lockDir);
  if (!owner) {
    // The owner writes owner.json right after mkdir; give it a moment before calling it dead.
    try {
      return Date.now() - statSync(lockDir).mtimeMs > 10_000;
    } catch {
      return false; // released meanwhile
    }
  }
  if (Date.now() - owner.since > staleMs) return true;
  return owner.host === hostname() && !isAlive(owner.pid);
}

/**
 * Runs `fn` while holding an inter-process lock: a directory created with mkdir (atomic on every
 * local file system). Locks left by dead processes, or older than `staleMs`, are broken.
 */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { staleMs = 30 * 60_000, timeoutMs = 40 * 60_000 } = options;
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      const owner: Owner = { pid: process.pid, host: hostname(), since: Date.now() };
      writeFileSync(join(lockDir, 'owner.json'), JSON.stringify(owner));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isStale(lockDir, staleMs)) {
      // Rename first so that two processes breaking the same stale lock cannot both succeed.
      const trash = `${lockDir}.stale-${process.pid}-${Date.now()}`;
      try {
        renameSync(lockDir, trash);
        rmSync(trash, { recursive: true, force: true });
      } catch {
        // someone else broke it first
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockDir}`);
    if (!waited) {
      waited = true;
      const owner = readOwner(lockDir);
      options.onWait?.(owner ? `pid ${owner.pid} on ${owner.host}` : 'another process');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
