import { freePorts } from '@opn/infra';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SERVICES = ['IDENTITY', 'RELATIONS', 'TERRITORIES', 'COLLECTIVES', 'RECOMMENDATIONS', 'GATEWAY'] as const;

export interface RunningPlatform {
  /** The gateway: the one address the browser opens. */
  url: string;
  /** Every line the launcher and the services printed (for a failing test's message). */
  output: () => string;
  /** Until the launcher or a service prints `line`. */
  waitFor: (line: string, timeoutMs: number) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The whole platform as `npm start` runs it (`node dist/tools/start.js`: Kafka and FerretDB of its
 * own, every service and the gateway serving the built web app), on free loopback ports, with its
 * own data directory. Not on the jest run's Kafka: its services use the same consumer groups as the
 * in-process services of the other suites, and a group member that leaves late would hold their
 * partitions until its session times out.
 */
export async function startPlatform(env: Record<string, string> = {}, args: string[] = []): Promise<RunningPlatform> {
  for (const built of ['dist/tools/start.js', 'dist/services/gateway/src/main.js', 'dist/web/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first (the test command does)`);
  }
  const ports = await freePorts(SERVICES.length);
  const dataDir = mkdtempSync(join(tmpdir(), 'opn-platform-'));
  const { KAFKA_BROKERS: _kafka, MONGODB_URL: _mongo, EVENTSTORE_URL: _eventStore, ...inherited } = process.env;
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    PLATFORM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(SERVICES.map((s, i) => [`${s}_PORT`, String(ports[i])])),
    ...env,
  };
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/tools/start.js'), ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${ports[SERVICES.indexOf('GATEWAY')]}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 120_000;
  // Up when the launcher prints the address to open (every service answered /health before).
  while (!output.includes(`Open ${url}`)) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode}):\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the platform did not start within 120 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    waitFor: async (line: string, timeoutMs: number) => {
      const until = Date.now() + timeoutMs;
      while (!output.includes(line)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no "${line}" from the platform within ${timeoutMs} ms:\n${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        // The launcher stops the services, then its Kafka and FerretDB: give it time, so none is left running.
        const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
