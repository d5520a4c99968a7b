// QUALITY.md rows on the HTTP side of a command:
//   - HTTP command endpoint vs hello-world on the same NestJS adapter (throughput, >= 0.5x);
//   - (our own) the same command through the gateway vs straight to identity (throughput, >= 0.5x);
//   - command to read model, p99 on loopback at 200 commands/s (<= 50 ms).
// The identity service runs in this process against the run's Kafka and FerretDB; its command
// endpoint answers only once its own read models include the command (read-your-writes), so the
// response time of a command is its command-to-read-model time.
// Both rows are measured on Express (the kit's adapter); the same command and hello-world apps also run
// on Fastify in the same rounds, for comparison (BENCH_HTTP_ADAPTERS, figures in the first row's notes).
import { Body, Controller, HttpCode, INestApplication, Module, Post, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Public } from '@opn/auth';
import { DomainExceptionFilter, configureHttpApp, useObservability, validationPipe } from '@opn/service-kit';
import helmet from 'helmet';
import { IsString, MaxLength } from 'class-validator';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { freePort, repoRoot } from '@opn/infra';
import { join } from 'node:path';
import { BenchConfig, Row, Samples, alternate, fmtRate, latencyRow, log, percentile, ratioRow, scaled, side } from './lib';
import { ClosedResult, LoadJob, PacedResult, startLoadGenerator } from './load';

class HelloDto {
  @IsString()
  @MaxLength(5000)
  description: string;
}

@Controller()
class HelloController {
  @Public()
  @Post('hello')
  @HttpCode(200)
  hello(@Body() dto: HelloDto) {
    return { ok: true, length: dto.description.length };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

type Adapter = 'express' | 'fastify';

/**
 * The app on one adapter. Express: the kit's shell (configureHttpApp), as every service runs.
 * Fastify, for comparison only: the same pieces by hand (observability middleware through middie,
 * helmet, 64 kB JSON limit, trust proxy loopback, validation pipe, error filter; no Swagger UI,
 * which needs @fastify/static) and `reply.setHeader` as an alias of `reply.header`, because the
 * identity controllers set ETag/Location on an Express response.
 */
async function createApp(adapter: Adapter, module: Type<unknown>, observability: boolean): Promise<INestApplication> {
  if (adapter === 'express') {
    const app = await NestFactory.create(module, { bodyParser: false, logger: ['error'] });
    configureHttpApp(app, { title: 'bench', description: 'bench', observability });
    return app;
  }
  const fastify = new FastifyAdapter({ bodyLimit: 64 * 1024, trustProxy: 'loopback' });
  fastify.getInstance().decorateReply('setHeader', function (this: { header(k: string, v: string): unknown }, name: string, value: string) {
    this.header(name, value);
    return this;
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, fastify, { logger: ['error'] });
  if (observability) useObservability(app);
  app.use(helmet());
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  return app;
}

interface Client {
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: string }>;
  close(): void;
}

function client(port: number, sockets: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    call: (method, path, body, token) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers: {
              ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
          },
          (res) => {
            let data = '';
            res.on('data', (c) => (data += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
          },
        );
        req.on('error', reject);
        if (payload) req.write(payload);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

const luhnSiren = (n: number): string => {
  const base = String(10000000 + n).slice(0, 8);
  for (let c = 0; c <= 9; c++) {
    const s = base + c;
    const sum = [...s].map(Number).reduce((a, d, i) => a + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return s;
  }
  throw new Error('no check digit');
};

interface Target {
  adapter: Adapter;
  identity: INestApplication;
  hello: INestApplication;
  api: Client;
  port: number;
  helloPort: number;
  token: string;
  companies: string[];
}

const WORKERS = 16;
const COMPANIES = 64;

/** The identity service and the hello-world app on one adapter, with a person and 64 companies. */
async function startTarget(config: BenchConfig, adapter: Adapter): Promise<Target> {
  // Each adapter's identity app has its own log and database (both are in this process).
  process.env.IDENTITY_DATA_DIR = join(config.dir, `identity-${adapter}`);
  process.env.IDENTITY_MONGODB_DB = `bench_identity_${adapter}`;
  // Loaded here so the identity module reads the environment set by benchHttp.
  const { IdentityModule } = await import('../../services/identity/test/identity-module');
  const identity = await createApp(adapter, IdentityModule, true);
  await identity.listen(0, '127.0.0.1');
  const hello = await createApp(adapter, HelloModule, false);
  await hello.listen(0, '127.0.0.1');
  const portOf = (app: INestApplication) => (app.getHttpServer().address() as AddressInfo).port;
  const api = client(portOf(identity), WORKERS);
  const target: Target = { adapter, identity, hello, api, port: portOf(identity), helloPort: portOf(hello), token: '', companies: [] };
  const signUp = await api.call('POST', '/auth/sign-up', { email: 'bench@example.fr', password: 'a long bench password', displayName: 'Bench' });
  if (signUp.status !== 201) throw new Error(`${adapter}: sign-up ${signUp.status} ${signUp.body}`);
  target.token = JSON.parse(signUp.body).accessToken as string;
  for (let i = 0; i < COMPANIES; i++) {
    const res = await api.call(
      'POST',
      '/companies',
      {
        legalName: `Bench ${i}`,
        siren: luhnSiren(i * 7919),
        nafCode: '62.01Z',
        sizeBand: '10-49',
        address: { line1: '1 rue du Bench', postalCode: '69002', city: 'Lyon', country: 'FR' },
      },
      target.token,
    );
    if (res.status !== 201) throw new Error(`${adapter}: company ${i}: ${res.status} ${res.body}`);
    target.companies.push(JSON.parse(res.body).companyId);
  }
  log(`http: ${adapter}: ${COMPANIES} companies registered`);
  return target;
}

/** The built gateway (`npm run build`) as a process of its own, in front of identity on `identityPort`. */
async function startGateway(config: BenchConfig, identityPort: number): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot(), 'dist/services/gateway/src/main.js')], {
    env: { ...process.env, GATEWAY_PORT: String(port), IDENTITY_URL: `http://127.0.0.1:${identityPort}`, GATEWAY_WEB_DIR: join(config.dir, 'web'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('http: the gateway did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`http: gateway on port ${port}`);
  return { port, stop: () => child.kill('SIGTERM') };
}

async function stopTarget(t: Target): Promise<void> {
  t.api.close();
  await t.hello.close();
  await t.identity.close();
}

export async function benchHttp(config: BenchConfig, kafkaBrokers: string[], mongoUrl: string): Promise<Row[]> {
  Object.assign(process.env, {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URL: mongoUrl,
    // Access and append log lines at info would print two lines per request to the bench's stdout;
    // metrics and correlation still run on the measured path.
    LOG_LEVEL: 'warn',
  });
  // Express (the kit's adapter) always; Fastify for comparison unless BENCH_HTTP_ADAPTERS=express.
  const adapters = (process.env.BENCH_HTTP_ADAPTERS ?? 'express,fastify').split(',').map((a) => a.trim());
  if (adapters[0] !== 'express' || adapters.some((a) => a !== 'express' && a !== 'fastify')) {
    throw new Error(`BENCH_HTTP_ADAPTERS must be express or express,fastify, got ${adapters.join(',')}`);
  }
  const targets: Target[] = [];
  // The clients run in a child process: their work does not share the measured server's event loop.
  const load = startLoadGenerator();
  try {
    for (const adapter of new Set(adapters as Adapter[])) targets.push(await startTarget(config, adapter));
    const [main, ...others] = targets;
    log(`http: ${WORKERS} concurrent callers`);

    const seconds = Math.max(2, 5 * config.scale);
    const sides: Record<string, () => Promise<Samples>> = {};
    const closed = async (job: Omit<Extract<LoadJob, { kind: 'closed' }>, 'kind' | 'seconds' | 'workers'>): Promise<Samples> => {
      const r = await load.run<ClosedResult>({ ...job, kind: 'closed', seconds, workers: WORKERS });
      if (r.errors) throw new Error(`${r.errors} requests failed`);
      return { req: { events: r.ok, seconds: r.seconds } };
    };
    for (const t of targets) {
      sides[`hello-${t.adapter}`] = () => closed({ port: t.helloPort, method: 'POST', paths: ['/hello'], bodyPrefix: 'edit' });
      sides[`command-${t.adapter}`] = () =>
        closed({ port: t.port, method: 'PATCH', paths: t.companies.map((c) => `/companies/${c}`), token: t.token, bodyPrefix: 'edit' });
    }
    // The gateway in its own process (as `npm start` runs it) in front of the Express identity.
    const gateway = await startGateway(config, main.port);
    sides['command-gateway'] = () =>
      closed({ port: gateway.port, method: 'PATCH', paths: main.companies.map((c) => `/api/identity/companies/${c}`), token: main.token, bodyPrefix: 'edit' });
    let results: Awaited<ReturnType<typeof alternate>>;
    try {
      results = await alternate('http', config.rounds, sides);
    } finally {
      gateway.stop();
    }
    const rateOf = (key: string) => side(key, results[key].req, 'req').perSecond;
    const adapterNote = (t: Target) =>
      `${t.adapter}: command ${fmtRate(rateOf(`command-${t.adapter}`))} req/s, hello-world ${fmtRate(rateOf(`hello-${t.adapter}`))} req/s, ` +
      `${(rateOf(`command-${t.adapter}`) / rateOf(`hello-${t.adapter}`)).toFixed(2)}x`;

    // Open loop at 200 commands/s: each command is sent on schedule whatever the previous ones do.
    const rateHz = 200;
    const total = scaled(config, 2000, 400);
    log(`http: ${total} commands at ${rateHz}/s (open loop, ${main.adapter})`);
    const t0 = performance.now();
    const { latencies, failed } = await load.run<PacedResult>({
      kind: 'paced',
      port: main.port,
      method: 'PATCH',
      paths: main.companies.map((c) => `/companies/${c}`),
      token: main.token,
      bodyPrefix: 'paced',
      rateHz,
      total,
      sockets: 64,
    });
    latencies.sort((a, b) => a - b);
    const p = (q: number) => percentile(latencies, q);
    const achieved = total / ((performance.now() - t0) / 1000);
    if (failed) throw new Error(`${failed} paced commands failed`);

    return [
      ratioRow(
        'http-command',
        'HTTP command endpoint (PATCH /companies/:id, durable append + read model) vs hello-world POST on the same NestJS adapter',
        side('command', results[`command-${main.adapter}`].req, 'req'),
        side('hello-world', results[`hello-${main.adapter}`].req, 'req'),
        0.5,
        `${main.adapter} (the kit's adapter); ${WORKERS} concurrent keep-alive callers in a child process, ${seconds} s per round; same HTTP shell (helmet, JSON body limit, validation pipe, error filter) on both` +
          others.map((t) => `; same rounds, ${adapterNote(t)} (${main.adapter}: ${(rateOf(`command-${main.adapter}`) / rateOf(`hello-${main.adapter}`)).toFixed(2)}x)`).join(''),
      ),
      ratioRow(
        'gateway-command',
        'HTTP command through the gateway (PATCH /api/identity/companies/:id) vs the same command straight to identity',
        side('through the gateway', results['command-gateway'].req, 'req'),
        side('straight to identity', results[`command-${main.adapter}`].req, 'req'),
        0.5,
        `our own bar (not in QUALITY.md): the gateway adds a hop to every call of the web app; it runs in its own process (dist/services/gateway/src/main.js, as npm start runs it), identity in this one, the ${WORKERS} callers in a third, on the same 2 cores`,
      ),
      latencyRow(
        'command-to-read-model-p99',
        'command to read model, p99 at 200 commands/s on loopback',
        'identity',
        p(0.99),
        50,
        `${main.adapter}; clients in a child process; ${total} PATCH commands paced at ${rateHz}/s (achieved ${achieved.toFixed(0)}/s) over ${COMPANIES} companies; each answers after its read model includes it; p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
      ),
    ];
  } finally {
    load.stop();
    for (const t of targets.reverse()) await stopTarget(t);
  }
}
