import { createConnection, createServer, Server } from 'node:net';

export const LOOPBACK = '127.0.0.1';

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address && typeof address === 'object') resolvePort(address.port);
      else reject(new Error('server.address() returned no port'));
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((done) => server.close(() => done()));
}

/**
 * `count` distinct free TCP ports on `host`, found by binding port 0. All sockets stay open until
 * every port is known so that the kernel cannot hand out the same port twice.
 */
export async function freePorts(count: number, host = LOOPBACK): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    const ports: number[] = [];
    for (const server of servers) ports.push(await listen(server, host));
    return ports;
  } finally {
    await Promise.all(servers.filter((s) => s.listening).map(close));
  }
}

export async function freePort(host = LOOPBACK): Promise<number> {
  const [port] = await freePorts(1, host);
  return port;
}

/** True when a TCP connection to host:port succeeds within `timeoutMs`. */
export function canConnect(port: number, host = LOOPBACK, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Called before each attempt; throw from it to give up early (e.g. the server process died). */
  abortIf?: () => void;
}

/**
 * Calls `attempt` until it resolves to something other than `undefined`, or rejects with the last
 * failure once the time is up.
 */
export async function poll<T>(what: string, attempt: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: unknown;
  for (;;) {
    options.abortIf?.();
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const reason = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`${what} not ready after ${Math.round(options.timeoutMs / 1000)} s${reason}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}

export function waitForPort(port: number, host: string, options: PollOptions): Promise<true> {
  return poll(`${host}:${port}`, async () => ((await canConnect(port, host)) ? true : undefined), options);
}
