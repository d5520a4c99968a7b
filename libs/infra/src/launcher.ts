import { readdirSync, rmSync } from 'node:fs';
import { startFerretDb, FerretDb, installFerretDb, waitForMongo } from './ferretdb';
import { installKafka, KafkaCluster, startKafkaCluster, waitForKafka } from './kafka';
import { createRunDir, defaultDataRoot } from './paths';

export interface InfraOptions {
  /** Kafka brokers to start (ignored when KAFKA_BROKERS is set); default 1. */
  brokers?: number;
  /** Put the run directory under the OS temp dir instead of `<repo>/.infra/`. */
  tmp?: boolean;
  /** Explicit parent of the run directory (wins over `tmp`). */
  dataRoot?: string;
  /** Keep the run directory (logs, storage) after stop(); default false. */
  keepData?: boolean;
  /** Where KAFKA_BROKERS / MONGODB_URL / EVENTSTORE_URL are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Readiness timeout per server. */
  timeoutMs?: number;
}

export interface Infra {
  kafkaBrokers: string[];
  mongoUrl: string;
  /** Passed through from EVENTSTORE_URL; no event store server is launched here. */
  eventStoreUrl?: string;
  /** This run's directory: server logs and storage. */
  dataDir: string;
  /** Present when Kafka was started here (not external). */
  kafka?: KafkaCluster;
  stop(): Promise<void>;
}

function externalBrokers(env: NodeJS.ProcessEnv): string[] | undefined {
  const list = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  return list?.length ? list : undefined;
}

/**
 * Starts Kafka (KRaft) and FerretDB on free loopback ports, installing them on first use, or just
 * waits for the external servers named by KAFKA_BROKERS / MONGODB_URL.
 */
export async function startInfra(options: InfraOptions = {}): Promise<Infra> {
  const env = options.env ?? process.env;
  const dataDir = createRunDir(options.dataRoot ?? defaultDataRoot(options.tmp));
  const brokers = externalBrokers(env);
  const mongoUrl = env.MONGODB_URL?.trim() || undefined;

  const kafkaStart = brokers
    ? waitForKafka(brokers, { timeoutMs: options.timeoutMs }).then(() => undefined)
    : startKafkaCluster({ brokers: options.brokers, dataDir, env, timeoutMs: options.timeoutMs });
  const mongoStart = mongoUrl
    ? waitForMongo(mongoUrl, { timeoutMs: options.timeoutMs }).then(() => undefined)
    : startFerretDb({ dataDir, env, timeoutMs: options.timeoutMs });
  const [kafka, ferret] = await Promise.allSettled([kafkaStart, mongoStart]);

  const started = { kafka: settledValue<KafkaCluster>(kafka), ferret: settledValue<FerretDb>(ferret) };
  let stopped: Promise<void> | undefined;
  const stop = (removeData: boolean) =>
    (stopped ??= (async () => {
      await Promise.all([started.kafka?.stop(), started.ferret?.stop()]);
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    })());

  const failures = [kafka, ferret].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length) {
    const hasLogs = readdirSync(dataDir).length > 0;
    await stop(!hasLogs); // keep the logs of a failed start
    const reasons = failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason)));
    const where = hasLogs ? ` (logs kept in ${dataDir})` : '';
    throw new Error(`local infrastructure failed to start${where}:\n${reasons.join('\n\n')}`);
  }

  return {
    kafkaBrokers: brokers ?? (started.kafka as KafkaCluster).brokers,
    mongoUrl: mongoUrl ?? (started.ferret as FerretDb).url,
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    dataDir,
    kafka: started.kafka,
    stop: () => stop(!options.keepData),
  };
}

function settledValue<T>(result: PromiseSettledResult<T | undefined>): T | undefined {
  return result.status === 'fulfilled' ? result.value : undefined;
}

/** Installs everything the launcher needs (Kafka jars, FerretDB binary) without starting anything. */
export async function installInfra(env: NodeJS.ProcessEnv = process.env): Promise<{ kafkaJars: string; ferretDb: string }> {
  const [kafkaJars, ferretDb] = await Promise.all([installKafka(env), installFerretDb(env)]);
  return { kafkaJars, ferretDb };
}
