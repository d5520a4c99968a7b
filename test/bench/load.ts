// The http group's load generator, run as a child process (`fork`) so that the clients' work (building
// requests, parsing answers) does not share the event loop of the server it measures, as real
// clients do not. One job per message; the answer is the job's result.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

/** What each request sends: `paths[k % paths.length]` with body `{ description: "<prefix> <k>" }`. */
export interface LoadTarget {
  port: number;
  method: string;
  paths: string[];
  token?: string;
  bodyPrefix: string;
}

export type LoadJob =
  | (LoadTarget & { kind: 'closed'; seconds: number; workers: number })
  | (LoadTarget & { kind: 'paced'; rateHz: number; total: number; sockets: number });

export interface ClosedResult {
  ok: number;
  errors: number;
  seconds: number;
}

export interface PacedResult {
  /** ms from each request's due time to its answer, in send order. */
  latencies: number[];
  failed: number;
}

function caller(target: LoadTarget, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const call = (k: number, path: string) =>
    new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify({ description: `${target.bodyPrefix} ${k}` });
      const req = request(
        {
          host: '127.0.0.1',
          port: target.port,
          method: target.method,
          path,
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

async function closed(job: Extract<LoadJob, { kind: 'closed' }>): Promise<ClosedResult> {
  const { call, close } = caller(job, job.workers);
  const deadline = Date.now() + job.seconds * 1000;
  const started = process.hrtime.bigint();
  let ok = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: job.workers }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const status = await call(w * 1_000_000 + i, job.paths[w % job.paths.length]);
        if (status >= 200 && status < 300) ok++;
        else errors++;
      }
    }),
  );
  close();
  return { ok, errors, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function paced(job: Extract<LoadJob, { kind: 'paced' }>): Promise<PacedResult> {
  const { call, close } = caller(job, job.sockets);
  const latencies = new Array<number>(job.total);
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: job.total }, async (_, k) => {
      const due = t0 + (k * 1000) / job.rateHz;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const status = await call(k, job.paths[k % job.paths.length]);
      if (status < 200 || status >= 300) failed++;
      latencies[k] = performance.now() - due;
    }),
  );
  close();
  return { latencies, failed };
}

/** The generator process, started once per bench run; `run` sends it one job at a time. */
export function startLoadGenerator() {
  const child = fork(join(__dirname, 'load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: Promise<unknown> = Promise.resolve();
  const send = <R>(job: LoadJob): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code}) during a job`));
      child.once('exit', onExit);
      child.once('message', (result) => {
        child.off('exit', onExit);
        const r = result as { error?: string };
        if (r.error) reject(new Error(r.error));
        else resolve(result as R);
      });
      child.send(job);
    });
  return {
    run<R extends ClosedResult | PacedResult>(job: LoadJob): Promise<R> {
      const next = pending.then(() => send<R>(job));
      pending = next.catch(() => undefined);
      return next;
    },
    stop: () => {
      child.disconnect();
      child.kill();
    },
  };
}

if (require.main === module) {
  process.on('message', (job: LoadJob) => {
    const work = job.kind === 'closed' ? closed(job) : paced(job);
    work.then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
