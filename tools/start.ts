// `npm start`: installs (first run) and starts Kafka and FerretDB on loopback, then every service,
// and stays in the foreground until Ctrl-C, when it stops everything in order.
// Honours KAFKA_BROKERS, MONGODB_URL and EVENTSTORE_URL to use external servers instead.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startInfra } from '@opn/infra';
import { DEMO_ADMIN, seedDemo } from './demo';

interface ServiceSpec {
  name: string;
  entry: string;
  port: number;
  env: Record<string, string>;
}

const root = repoRoot();
/** `npm start -- --demo`: a demo territory once the platform is up (tools/demo.ts). */
const demo = process.argv.includes('--demo');
/** Where the services keep their data and logs (PLATFORM_DATA_DIR, default .data; a test gives its own). */
const dataRoot = process.env.PLATFORM_DATA_DIR ?? join(root, '.data');

const SERVICES: ServiceSpec[] = [
  {
    name: 'identity',
    entry: 'dist/services/identity/src/main.js',
    port: Number(process.env.IDENTITY_PORT ?? 3001),
    env: {
      IDENTITY_DATA_DIR: process.env.IDENTITY_DATA_DIR ?? join(dataRoot, 'identity'),
      // The demo's coordinator is a platform admin (she creates the territory).
      ...(demo ? { PLATFORM_ADMIN_EMAILS: [process.env.PLATFORM_ADMIN_EMAILS, DEMO_ADMIN].filter(Boolean).join(',') } : {}),
    },
  },
];
const identityUrl = `http://127.0.0.1:${SERVICES[0].port}`;
SERVICES.push({
  name: 'relations',
  entry: 'dist/services/relations/src/main.js',
  port: Number(process.env.RELATIONS_PORT ?? 3002),
  // Verifies identity's access tokens with the key set identity publishes.
  env: { RELATIONS_DATA_DIR: process.env.RELATIONS_DATA_DIR ?? join(dataRoot, 'relations'), IDENTITY_JWKS_URL: process.env.IDENTITY_JWKS_URL ?? `${identityUrl}/.well-known/jwks.json` },
});
SERVICES.push({
  name: 'territories',
  entry: 'dist/services/territories/src/main.js',
  port: Number(process.env.TERRITORIES_PORT ?? 3003),
  // Verifies identity's access tokens with the key set identity publishes, like relations.
  env: { TERRITORIES_DATA_DIR: process.env.TERRITORIES_DATA_DIR ?? join(dataRoot, 'territories'), IDENTITY_JWKS_URL: process.env.IDENTITY_JWKS_URL ?? `${identityUrl}/.well-known/jwks.json` },
});
SERVICES.push({
  name: 'collectives',
  entry: 'dist/services/collectives/src/main.js',
  port: Number(process.env.COLLECTIVES_PORT ?? 3004),
  env: { COLLECTIVES_DATA_DIR: process.env.COLLECTIVES_DATA_DIR ?? join(dataRoot, 'collectives'), IDENTITY_JWKS_URL: process.env.IDENTITY_JWKS_URL ?? `${identityUrl}/.well-known/jwks.json` },
});
SERVICES.push({
  name: 'recommendations',
  entry: 'dist/services/recommendations/src/main.js',
  port: Number(process.env.RECOMMENDATIONS_PORT ?? 3005),
  env: { RECOMMENDATIONS_DATA_DIR: process.env.RECOMMENDATIONS_DATA_DIR ?? join(dataRoot, 'recommendations'), IDENTITY_JWKS_URL: process.env.IDENTITY_JWKS_URL ?? `${identityUrl}/.well-known/jwks.json` },
});

/** The one address a newcomer opens: the web app, every API under /api/<service>/, the reference at /docs. */
const gateway: ServiceSpec = {
  name: 'gateway',
  entry: 'dist/services/gateway/src/main.js',
  port: Number(process.env.GATEWAY_PORT ?? 3000),
  env: Object.fromEntries(SERVICES.map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}`])),
};

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function main() {
  const log = (line: string) => process.stderr.write(`[start] ${line}\n`);
  log('starting Kafka and FerretDB (first run installs them: a few minutes)...');
  // With PLATFORM_DATA_DIR, Kafka's and FerretDB's storage and logs go there too.
  const infra = await startInfra({ keepData: true, ...(process.env.PLATFORM_DATA_DIR ? { dataRoot: join(dataRoot, 'infra') } : {}) });
  log(`Kafka ${infra.kafkaBrokers.join(',')}  MongoDB ${infra.mongoUrl}  event store ${infra.eventStoreUrl ?? 'embedded SQLite (.data/<service>/events.sqlite)'}`);
  const logs = join(dataRoot, 'logs');
  mkdirSync(logs, { recursive: true });

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log('stopping services...');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10000).unref();
          }),
      ),
    );
    log('stopping infrastructure...');
    await infra.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const launch = (s: ServiceSpec) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, s.entry)], {
      cwd: root,
      env: {
        ...process.env,
        ...s.env,
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        MONGODB_URL: infra.mongoUrl,
        ...(infra.eventStoreUrl ? { EVENTSTORE_URL: infra.eventStoreUrl } : {}),
        [`${s.name.toUpperCase()}_PORT`]: String(s.port),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${s.name} exited (${signal ?? code}); stopping everything`);
        void stop(1);
      }
    });
    children.push(child);
  };
  SERVICES.forEach(launch);
  for (const s of SERVICES) await waitForHealth(`http://127.0.0.1:${s.port}/health`, 60000);
  launch(gateway);
  await waitForHealth(`http://127.0.0.1:${gateway.port}/health/live`, 60000);

  writeFileSync(
    join(dataRoot, 'platform.json'),
    JSON.stringify({ kafkaBrokers: infra.kafkaBrokers, mongoUrl: infra.mongoUrl, gateway: `http://127.0.0.1:${gateway.port}`, services: SERVICES.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.port}` })) }, null, 2),
  );
  log('platform is up:');
  for (const s of SERVICES) {
    log(`  ${s.name.padEnd(10)} http://127.0.0.1:${s.port}   API reference: http://127.0.0.1:${s.port}/docs   health: /health`);
  }
  log('');
  log(`  Open http://127.0.0.1:${gateway.port}   (the web app; every API under /api/<service>/, their reference at /docs)`);
  log('');
  if (demo) await seedDemo(`http://127.0.0.1:${gateway.port}`, log).catch((error) => log(`demo failed: ${(error as Error).message}`));
  log(`logs of Kafka and FerretDB: ${infra.dataDir}; press Ctrl-C to stop`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
