// QUALITY.md rows on the HTTP side of a command:
//   - HTTP command endpoint vs hello-world on the same NestJS adapter (throughput, >= 0.5x);
//   - command to read model, p99 on loopback at 200 commands/s (<= 50 ms).
// The identity service runs in this process against the run's Kafka and FerretDB; its command
// endpoint answers only once its own read models include the command (read-your-writes), so the
// response time of a command is its command-to-read-model time.
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Public } from '@opn/auth';
import { configureHttpApp } from '@opn/service-kit';
import { IsString, MaxLength } from 'class-validator';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BenchConfig, Row, Sample, alternate, latencyRow, log, ratioRow, scaled, side } from './lib';

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

/** Closed loop: `workers` callers, each sending its next request when the previous answered. */
async function closedLoop(seconds: number, workers: number, send: (worker: number, i: number) => Promise<number>): Promise<Sample> {
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  let ok = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const status = await send(w, i);
        if (status >= 200 && status < 300) ok++;
        else errors++;
      }
    }),
  );
  if (errors) throw new Error(`${errors} requests failed`);
  return { events: ok, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
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

export async function benchHttp(config: BenchConfig, kafkaBrokers: string[], mongoUrl: string): Promise<Row[]> {
  Object.assign(process.env, {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URL: mongoUrl,
    IDENTITY_DATA_DIR: join(config.dir, 'identity'),
    IDENTITY_MONGODB_DB: 'bench_identity',
    // Access and append log lines at info would print two lines per request to the bench's stdout;
    // metrics and correlation still run on the measured path.
    LOG_LEVEL: 'warn',
  });
  // Loaded here so the identity module reads the environment set above.
  const { IdentityModule } = await import('../../services/identity/test/identity-module');
  const identity = await NestFactory.create(IdentityModule, { bodyParser: false, logger: ['error'] });
  configureHttpApp(identity, { title: 'identity', description: 'bench' });
  await identity.listen(0, '127.0.0.1');
  const hello = await NestFactory.create(HelloModule, { bodyParser: false, logger: ['error'] });
  configureHttpApp(hello, { title: 'hello', description: 'bench', observability: false });
  await hello.listen(0, '127.0.0.1');

  const workers = 16;
  const companiesCount = 64;
  const api = client((identity.getHttpServer().address() as AddressInfo).port, workers);
  const helloApi = client((hello.getHttpServer().address() as AddressInfo).port, workers);
  try {
    const signUp = await api.call('POST', '/auth/sign-up', { email: 'bench@example.fr', password: 'a long bench password', displayName: 'Bench' });
    const token = JSON.parse(signUp.body).accessToken as string;
    const companies: string[] = [];
    for (let i = 0; i < companiesCount; i++) {
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
        token,
      );
      if (res.status !== 201) throw new Error(`company ${i}: ${res.status} ${res.body}`);
      companies.push(JSON.parse(res.body).companyId);
    }
    log(`http: ${companiesCount} companies registered; ${workers} concurrent callers`);

    const seconds = Math.max(2, 5 * config.scale);
    const edit = (w: number, i: number) => ({ description: `edit ${w}-${i}` });
    const results = await alternate('http', config.rounds, {
      hello: async () => ({ req: await closedLoop(seconds, workers, async (w, i) => (await helloApi.call('POST', '/hello', edit(w, i))).status) }),
      command: async () => ({
        req: await closedLoop(seconds, workers, async (w, i) => (await api.call('PATCH', `/companies/${companies[w % companiesCount]}`, edit(w, i), token)).status),
      }),
    });

    // Open loop at 200 commands/s: each command is sent on schedule whatever the previous ones do.
    const rateHz = 200;
    const total = scaled(config, 2000, 400);
    log(`http: ${total} commands at ${rateHz}/s (open loop)`);
    const latencies: number[] = [];
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: total }, async (_, k) => {
        const due = t0 + (k * 1000) / rateHz;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const res = await api.call('PATCH', `/companies/${companies[k % companiesCount]}`, { description: `paced ${k}` }, token);
        if (res.status !== 200) failed++;
        latencies.push(performance.now() - due);
      }),
    );
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    const achieved = total / ((performance.now() - t0) / 1000);
    if (failed) throw new Error(`${failed} paced commands failed`);

    return [
      ratioRow(
        'http-command',
        'HTTP command endpoint (PATCH /companies/:id, durable append + read model) vs hello-world POST on the same NestJS adapter',
        side('command', results.command.req, 'req'),
        side('hello-world', results.hello.req, 'req'),
        0.5,
        `${workers} concurrent keep-alive callers, ${seconds} s per round; same HTTP shell (helmet, JSON body limit, validation pipe, error filter) on both`,
      ),
      latencyRow(
        'command-to-read-model-p99',
        'command to read model, p99 at 200 commands/s on loopback',
        'identity',
        p(0.99),
        50,
        `${total} PATCH commands paced at ${rateHz}/s (achieved ${achieved.toFixed(0)}/s) over ${companiesCount} companies; each answers after its read model includes it; p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
      ),
    ];
  } finally {
    api.close();
    helloApi.close();
    await hello.close();
    await identity.close();
  }
}
