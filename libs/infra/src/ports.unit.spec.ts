import { createServer } from 'node:net';
import { canConnect, freePort, freePorts, poll } from './ports';

describe('freePorts', () => {
  it('gives distinct ports that can be bound on loopback', async () => {
    const ports = await freePorts(6);
    expect(new Set(ports).size).toBe(6);
    for (const port of ports) {
      expect(port).toBeGreaterThan(0);
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('canConnect tells a listening port from a closed one', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await canConnect(port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await canConnect(port)).toBe(false);
    expect(await canConnect(await freePort())).toBe(false);
  });
});

describe('poll', () => {
  it('retries until a value comes back', async () => {
    let calls = 0;
    const value = await poll('thing', async () => (++calls < 3 ? undefined : 'ok'), { timeoutMs: 2000, intervalMs: 1 });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });

  it('fails with the last error once the time is up', async () => {
    await expect(
      poll('thing', async () => Promise.reject(new Error('refused')), { timeoutMs: 20, intervalMs: 5 }),
    ).rejects.toThrow(/thing not ready after 0 s: refused/);
  });

  it('gives up early when abortIf throws', async () => {
    const abortIf = () => {
      throw new Error('process died');
    };
    await expect(poll('thing', async () => undefined, { timeoutMs: 10_000, abortIf })).rejects.toThrow('process died');
  });
});
