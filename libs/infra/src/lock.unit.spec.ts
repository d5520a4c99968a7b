import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLock } from './lock';

describe('withLock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'opn-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs holders one at a time and releases the lock', async () => {
    const lock = join(dir, 'x.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withLock(lock, async () => {
        events.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name} out`);
      });
    await Promise.all([holder('a'), holder('b')]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(lock)).toBe(false);
  });

  it('breaks a lock whose owner process is dead', async () => {
    const lock = join(dir, 'x.lock');
    mkdirSync(lock);
    // pid 2^22 + 1 is above Linux's pid_max limit, so it cannot be alive
    writeFileSync(join(lock, 'owner.json'), JSON.stringify({ pid: 4194305, host: hostname(), since: Date.now() }));
    await expect(withLock(lock, async () => 'got it', { timeoutMs: 2000 })).resolves.toBe('got it');
  });

  it('waits for a live owner and times out', async () => {
    const lock = join(dir, 'x.lock');
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    const onWait = jest.fn();
    await expect(withLock(lock, async () => 'never', { timeoutMs: 100, onWait })).rejects.toThrow(/timed out/);
    expect(onWait).toHaveBeenCalledWith(`pid ${process.pid} on ${hostname()}`);
  });

  it('releases the lock when the holder throws', async () => {
    const lock = join(dir, 'x.lock');
    await expect(withLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });
});
