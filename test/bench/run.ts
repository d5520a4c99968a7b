// The benchmark command: `npm run bench` (= build + node dist/test/bench/run.js).
//
// Prints, in one run on one machine, the performance rows of QUALITY.md that concern the event log,
// the relay and projections, each as a ratio against a baseline measured in the same run:
//   1. event append, single, durable    SqliteEventStore vs raw better-sqlite3 insert loop (WAL + FULL)
//   2. event append, batched 100         vs raw better-sqlite3 100-row transaction loop (WAL + FULL)
//      (+ group commit: 64 concurrent appenders vs one transaction per append)
//   3. vs Emmett's SQLite event store    single and batched appends, whole-stream reads
//   4. Kafka relay throughput            KafkaRelay vs bare kafkajs sendBatch loop (same messages)
//   5. projection rebuild                rebuildProjection vs raw bulkWrite of the final documents
//   6. HTTP command endpoint             identity PATCH vs hello-world POST on the same NestJS shell
//      (+ our own: the same PATCH through the gateway vs straight to identity)
//   7. command to read model             p99 at 200 commands/s (open loop)
//   8. directory query                   identity's company directory, two filters, 20,000 companies: p95
//   9. scaling                           cost per operation at 1k..1M events/documents (curves + PNG)
//  10. network openness command          20,000 nodes, 100,000 edges: wall time <= 10 s, same metrics as networkx
//  11. coordinator dashboard             territories in-process fed over Kafka, 2,000 firms, 20,000 relations and ties: HTTP p95 <= 100 ms
//  12. recommendations              links command 20k/50k <= 30 s, link quality on real hold-outs, partner search MRR and p95, warm paths p99
// Method: a warm-up pass, then BENCH_ROUNDS (3) rounds alternating the sides (order reversed every
// other round); each side's median is reported. Kafka and FerretDB are started by @opn/infra (or
// taken from KAFKA_BROKERS / MONGODB_URL). Env: BENCH_SCALE (1; 0.2 = quick), BENCH_ROUNDS (3),
// BENCH_ONLY (append,emmett,relay,projection,directory,http,scaling,network,dashboard,reco), BENCH_STRICT=1 (exit code 3 when a bar is missed).
// Progress goes to stderr; the table to stdout and, as JSON, to reports/bench.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FerretDb, FERRETDB_VERSION, Infra, repoRoot, startFerretDb, startInfra } from '@opn/infra';
import { benchAppend } from './append';
import { benchEmmett, StorageSettings } from './emmett';
import { BenchConfig, Row, configFromEnv, log, makeTempDir } from './lib';
import { benchProjection } from './projection';
import { benchRelay } from './relay';
import { benchHttp } from './http';
import { benchDirectory } from './directory';
import { benchNetwork } from './network';
import { benchDashboard } from './dashboard';
import { benchReco } from './reco';
import { machine, markdownTable, writeJson } from './report';
import { ScalingResult, benchScaling } from './scaling';
import { ScalingJson, writeScalingPng } from './plot';

async function main(): Promise<number> {
  const config: BenchConfig = { ...configFromEnv(), dir: makeTempDir() };
  const startedAt = new Date();
  let infra: Infra | undefined;
  let ferret: FerretDb | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await infra?.stop().catch((e) => log(`infra stop failed: ${String(e)}`));
    await ferret?.stop().catch((e) => log(`FerretDB stop failed: ${String(e)}`));
    rmSync(config.dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    process.once(signal, () => process.exit(130)); // a second signal: give up waiting
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const rows: Row[] = [];
  let settings: StorageSettings | undefined;
  let scaling: ScalingResult | undefined;
  let scalingSeconds = 0;
  try {
    const m = machine();
    log(`scale ${config.scale}, ${config.rounds} rounds, groups ${[...config.only].join(',')}; temp dir ${config.dir}`);
    log(`machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, node ${m.node}`);
    if (['relay', 'projection', 'directory', 'http', 'dashboard'].some((g) => config.only.has(g))) {
      log('starting Kafka and FerretDB (@opn/infra startInfra)...');
      infra = await startInfra({ tmp: true });
      log(`infra up: kafka ${infra.kafkaBrokers.join(',')}, mongo ${infra.mongoUrl}`);
    }
    if (config.only.has('append')) rows.push(...(await benchAppend(config)));
    if (config.only.has('emmett')) {
      const r = await benchEmmett(config);
      rows.push(...r.rows);
      settings = r.settings;
    }
    if (config.only.has('relay')) rows.push(...(await benchRelay(config, infra!.kafkaBrokers)));
    if (config.only.has('projection')) {
      const restartMongo = async () => {
        if (process.env.MONGODB_URL) return undefined; // an external server: not ours to restart
        await infra?.stop();
        infra = undefined;
        infra = await startInfra({ tmp: true });
        log(`infra restarted: mongo ${infra.mongoUrl}`);
        return infra.mongoUrl;
      };
      rows.push(...(await benchProjection(config, infra!.mongoUrl, restartMongo)));
    }
    if (config.only.has('directory')) rows.push(...(await benchDirectory(config, infra!.mongoUrl)));
    if (config.only.has('http')) rows.push(...(await benchHttp(config, infra!.kafkaBrokers, infra!.mongoUrl)));
    if (config.only.has('network')) rows.push(...(await benchNetwork(config)));
    if (config.only.has('reco')) rows.push(...(await benchReco(config)));
    if (config.only.has('dashboard')) rows.push(...(await benchDashboard(config, infra!.kafkaBrokers, infra!.mongoUrl)));
    if (config.only.has('scaling')) {
      // A server of its own (a fresh SQLite directory), unless MONGODB_URL names one or infra is up.
      let mongoUrl = infra?.mongoUrl ?? process.env.MONGODB_URL?.trim();
      if (!mongoUrl) {
        log('scaling: starting FerretDB (@opn/infra startFerretDb)...');
        ferret = await startFerretDb({ dataDir: join(config.dir, 'ferretdb') });
        mongoUrl = ferret.url;
      }
      const t0 = Date.now();
      scaling = await benchScaling(config, { mongoUrl });
      scalingSeconds = (Date.now() - t0) / 1000;
      rows.push(...scaling.rows);
    }
  } finally {
    await cleanup();
  }

  const table = markdownTable(rows);
  const out: string[] = [];
  out.push(`## Benchmark (${startedAt.toISOString()}, scale ${config.scale}, ${config.rounds} rounds, medians)`);
  out.push('');
  out.push(table);
  out.push('');
  if (settings) {
    out.push(`- SqliteEventStore: ${settings.ours}`);
    out.push(`- Emmett 0.38.5: ${settings.emmett}`);
  }
  for (const r of rows) if (r.notes) out.push(`- ${r.what}: ${r.notes}`);
  if (scaling) {
    out.push('');
    out.push(`### Scaling (${Math.round(scalingSeconds)} s)`);
    out.push('');
    out.push(
      'Each cell: µs per operation, median (p95); its ratio to the smallest size measured first; and (`ref`) its ratio to the ' +
        'same operation on the reference of the smallest size timed in the same rounds. Rebuild: µs per event of the log.',
    );
    out.push('');
    out.push(scaling.table);
  }
  process.stdout.write(out.join('\n') + '\n');

  const file = join(repoRoot(), 'reports', 'bench.json');
  writeJson(file, {
    generatedAt: startedAt.toISOString(),
    command: 'npm run bench',
    config: { scale: config.scale, rounds: config.rounds, groups: [...config.only] },
    machine: machine(),
    storage: settings,
    rows,
  });
  log(`wrote ${file}`);
  if (scaling) {
    // A full run (scale 1) updates the committed curves in docs/bench; other runs go to reports/.
    const dir = process.env.BENCH_PLOT_DIR ?? join(repoRoot(), config.scale === 1 ? 'docs/bench' : 'reports');
    const data: ScalingJson & Record<string, unknown> = {
      generatedAt: startedAt.toISOString(),
      command: `BENCH_ONLY=${[...config.only].join(',')} BENCH_SCALE=${config.scale} BENCH_ROUNDS=${config.rounds} npm run bench`,
      scale: config.scale,
      seconds: Math.round(scalingSeconds),
      machine: machine(),
      ferretdb: process.env.MONGODB_URL ? 'server from MONGODB_URL' : `FerretDB ${FERRETDB_VERSION} (SQLite)`,
      settings: scaling.settings,
      curves: scaling.curves,
      rows: scaling.rows.map((r) => ({ id: r.id, what: r.what, ratio: r.ratio, bar: r.bar.text, result: r.pass ? 'PASS' : 'FAIL' })),
      table: scaling.table,
    };
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'scaling.json'), JSON.stringify(data, null, 2) + '\n');
    await writeScalingPng(data, join(dir, 'scaling.png'));
    log(`wrote ${join(dir, 'scaling.json')} and scaling.png`);
  }
  const failed = rows.filter((r) => !r.pass);
  if (failed.length) log(`${failed.length} bar(s) missed: ${failed.map((r) => r.id).join(', ')}`);
  return failed.length && process.env.BENCH_STRICT === '1' ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
