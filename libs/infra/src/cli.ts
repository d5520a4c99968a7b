#!/usr/bin/env node
// Usage: cli.js up [--brokers N] [--keep-data] [--tmp]   start Kafka + FerretDB, stay in the foreground
//        cli.js install                                  install Kafka jars and FerretDB binary, then exit
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installInfra, startInfra } from './launcher';
import { repoRoot } from './paths';

interface Args {
  command: string;
  brokers: number;
  keepData: boolean;
  tmp: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: 'up', brokers: 1, keepData: false, tmp: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--brokers') args.brokers = Number(argv[++i]);
    else if (arg.startsWith('--brokers=')) args.brokers = Number(arg.slice('--brokers='.length));
    else if (arg === '--keep-data') args.keepData = true;
    else if (arg === '--tmp') args.tmp = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  args.command = positional[0] ?? 'up';
  if (!Number.isInteger(args.brokers) || args.brokers < 1) throw new Error('--brokers needs a positive integer');
  return args;
}

async function up(args: Args): Promise<void> {
  const infra = await startInfra({ brokers: args.brokers, keepData: args.keepData, tmp: args.tmp });
  const current = join(repoRoot(), '.infra', 'current.json');
  const published = JSON.stringify({ kafkaBrokers: infra.kafkaBrokers, mongoUrl: infra.mongoUrl }, null, 2);
  mkdirSync(join(repoRoot(), '.infra'), { recursive: true });
  writeFileSync(current, published + '\n');
  process.stdout.write(published + '\n');
  process.stderr.write(`infra up (data in ${infra.dataDir}); Ctrl-C to stop\n`);

  const keepAlive = setInterval(() => undefined, 1 << 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // A second signal while stopping: give up waiting; the exit hook SIGKILLs the children.
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  process.stderr.write(`${signal}: stopping...\n`);
  await infra.stop();
  clearInterval(keepAlive);
  try {
    if (readFileSync(current, 'utf8') === published + '\n') rmSync(current);
  } catch {
    // already gone
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.command === 'install') {
    const started = Date.now();
    const paths = await installInfra();
    process.stdout.write(`${JSON.stringify(paths)}\n`);
    process.stderr.write(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } else if (args.command === 'up') {
    await up(args);
  } else {
    throw new Error(`unknown command ${args.command} (expected up or install)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
