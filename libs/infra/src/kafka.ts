import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLock } from './lock';
import { cacheRoot } from './paths';
import { freePorts, LOOPBACK, poll, waitForPort } from './ports';
import { ManagedProcess, run, spawnLogged, tailFile } from './process';

export const KAFKA_VERSION = '3.9.2';

const ARTIFACTS = [
  ['org.apache.kafka', 'kafka_2.13', KAFKA_VERSION],
  ['org.slf4j', 'slf4j-reload4j', '1.7.36'],
  ['ch.qos.reload4j', 'reload4j', '1.2.25'],
] as const;

function renderPom(): string {
  const deps = ARTIFACTS.map(
    ([g, a, v]) => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`,
  );
  return [
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>local.opn</groupId><artifactId>kafka-runtime</artifactId><version>1</version>',
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    ...deps,
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

/**
 * Makes sure the Kafka jars are in the per-user cache and returns their directory. The first call
 * resolves them with Maven (~20 s with a warm ~/.m2); the marker is written only after Maven
 * succeeded, so an interrupted download is redone.
 */
export async function installKafka(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const home = join(cacheRoot(env), `kafka-${KAFKA_VERSION}`);
  const jars = join(home, 'jars');
  const marker = join(home, 'installed');
  if (existsSync(marker)) return jars;
  mkdirSync(home, { recursive: true });
  await withLock(
    `${home}.lock`,
    async () => {
      if (existsSync(marker)) return; // installed by whoever held the lock before us
      process.stderr.write(`installing Kafka ${KAFKA_VERSION} jars with Maven (first run only)...\n`);
      const started = Date.now();
      rmSync(jars, { recursive: true, force: true });
      const work = mkdtempSync(join(tmpdir(), 'opn-kafka-pom-'));
      try {
        writeFileSync(join(work, 'pom.xml'), renderPom());
        await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${jars}`], { cwd: work, env });
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
      const count = readdirSync(jars).filter((f) => f.endsWith('.jar')).length;
      if (!existsSync(join(jars, `kafka_2.13-${KAFKA_VERSION}.jar`))) throw new Error(`Maven did not produce kafka_2.13-${KAFKA_VERSION}.jar in ${jars}`);
      writeFileSync(marker, JSON.stringify({ version: KAFKA_VERSION, jars: count, at: new Date().toISOString() }) + '\n');
      process.stderr.write(`Kafka ${KAFKA_VERSION} installed (${count} jars, ${Math.round((Date.now() - started) / 1000)} s)\n`);
    },
    { onWait: (owner) => process.stderr.write(`waiting for ${owner} to finish installing Kafka ${KAFKA_VERSION}...\n`) },
  );
  return jars;
}

/** A Kafka cluster id: 16 random bytes in base64url without padding, like StorageTool random-uuid. */
export function randomClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id; // Kafka refuses ids that would look like a CLI flag
  }
}

export interface KafkaNode {
  nodeId: number;
  port: number;
  controllerPort: number;
  /** Directory for this node's config, logs and data. */
  dir: string;
}

/** server.properties for one combined broker+controller node of a cluster of `nodes.length`. */
export function renderServerProperties(node: KafkaNode, nodes: readonly KafkaNode[]): string {
  const n = nodes.length;
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': node.nodeId,
    'controller.quorum.voters': nodes.map((x) => `${x.nodeId}@${LOOPBACK}:${x.controllerPort}`).join(','),
    listeners: `PLAINTEXT://${LOOPBACK}:${node.port},CONTROLLER://${LOOPBACK}:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${LOOPBACK}:${node.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': join(node.dir, 'data'),
    'num.partitions': 3,
    'default.replication.factor': n >= 3 ? 3 : 1,
    'min.insync.replicas': n >= 3 ? 2 : 1,
    'offsets.topic.replication.factor': Math.min(3, n),
    'transaction.state.log.replication.factor': Math.min(3, n),
    'transaction.state.log.min.isr': n >= 3 ? 2 : 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': true,
  };
  return Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

function renderLog4j(file: string): string {
  return [
    'log4j.rootLogger=WARN, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${file}`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '',
  ].join('\n');
}

export interface KafkaCluster {
  /** host:port of every broker, in node order. */
  readonly brokers: string[];
  readonly size: number;
  /** Kills broker `index` (0-based), by default with SIGKILL, and waits until it is gone. */
  stopBroker(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts broker `index` again with the same config and data; stops it first if it runs. Waits until the cluster sees it. */
  restartBroker(index: number): Promise<void>;
  isRunning(index: number): boolean;
  /** Log tails of broker `index`, for diagnostics. */
  logTail(index: number, lines?: number): string;
  stop(): Promise<void>;
}

export interface KafkaClusterOptions {
  /** Number of combined broker+controller nodes; default 1. */
  brokers?: number;
  /** Parent directory for the nodes' `kafka-<i>/` directories. */
  dataDir: string;
  /** Readiness timeout; default 60 s plus 20 s per extra broker. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

const JVM_FLAGS = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC'];

function javaBin(env: NodeJS.ProcessEnv): string {
  return env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

interface Node extends KafkaNode {
  properties: string;
  log4j: string;
  process?: ManagedProcess;
  /** False after stopBroker(): such a node is neither waited for nor reported as crashed. */
  wanted: boolean;
}

class BrokerExited extends Error {}

class LocalKafkaCluster implements KafkaCluster {
  private stopped = false;

  constructor(
    private readonly nodes: Node[],
    private readonly jars: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs: number,
  ) {}

  get brokers(): string[] {
    return this.nodes.map((n) => `${LOOPBACK}:${n.port}`);
  }

  get size(): number {
    return this.nodes.length;
  }

  private java(node: Node, mainClass: string, args: string[]): string[] {
    return [...JVM_FLAGS, `-Dlog4j.configuration=file:${node.log4j}`, '-cp', join(this.jars, '*'), mainClass, ...args];
  }

  async format(clusterId: string): Promise<void> {
    await Promise.all(
      this.nodes.map((node) =>
        run(javaBin(this.env), this.java(node, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', node.properties]), { env: this.env }),
      ),
    );
  }

  private async launch(node: Node): Promise<void> {
    node.wanted = true;
    node.process = await spawnLogged(`kafka-${node.nodeId}`, javaBin(this.env), this.java(node, 'kafka.Kafka', [node.properties]), {
      cwd: node.dir,
      env: this.env,
      logFile: join(node.dir, 'stdout.log'),
    });
  }

  logTail(index: number, lines = 20): string {
    const node = this.nodes[index];
    return [join(node.dir, 'stdout.log'), join(node.dir, 'server.log')]
      .map((file) => [file, tailFile(file, lines)] as const)
      .filter(([, text]) => text)
      .map(([file, text]) => `--- tail of ${file} ---\n${text}`)
      .join('\n');
  }

  private failIfDead = (): void => {
    const dead = this.nodes.findIndex((n) => n.wanted && !n.process?.isRunning());
    if (dead >= 0) throw new BrokerExited(`Kafka broker ${dead} exited during start-up\n${this.logTail(dead)}`);
  };

  /** Waits for the port of every broker that should run, then for a metadata response listing all of them. */
  async waitReady(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    const remaining = () => Math.max(0, deadline - Date.now());
    const wanted = this.nodes.filter((n) => n.wanted);
    try {
      for (const node of wanted) await waitForPort(node.port, LOOPBACK, { timeoutMs: remaining(), abortIf: this.failIfDead });
      const brokers = wanted.map((n) => `${LOOPBACK}:${n.port}`);
      await waitForKafka(brokers, { timeoutMs: remaining(), expectBrokers: wanted.length, abortIf: this.failIfDead });
    } catch (error) {
      if (error instanceof BrokerExited) throw error;
      const tails = this.nodes.map((_, i) => this.logTail(i)).join('\n') || '(the brokers have logged nothing yet)';
      throw new Error(`Kafka (${this.size} broker(s)) did not become ready: ${(error as Error).message}\n${tails}`);
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.launch(n)));
    await this.waitReady();
  }

  isRunning(index: number): boolean {
    return this.node(index).process?.isRunning() ?? false;
  }

  private node(index: number): Node {
    const node = this.nodes[index];
    if (!node) throw new Error(`no broker ${index} in a cluster of ${this.size}`);
    return node;
  }

  async stopBroker(index: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const node = this.node(index);
    node.wanted = false;
    if (signal === 'SIGTERM') await node.process?.stop();
    else await node.process?.kill(signal);
  }

  async restartBroker(index: number): Promise<void> {
    const node = this.node(index);
    if (node.process?.isRunning()) await node.process.stop();
    await this.launch(node);
    await this.waitReady();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const node of this.nodes) node.wanted = false;
    await Promise.all(this.nodes.map((n) => n.process?.stop()));
  }
}

/** Installs Kafka if needed, then formats and starts a local KRaft cluster on free loopback ports. */
export async function startKafkaCluster(options: KafkaClusterOptions): Promise<KafkaCluster> {
  const size = options.brokers ?? 1;
  if (!Number.isInteger(size) || size < 1) throw new Error(`brokers must be a positive integer, got ${size}`);
  const env = options.env ?? process.env;
  const jars = await installKafka(env);
  const ports = await freePorts(2 * size);
  const nodes: Node[] = Array.from({ length: size }, (_, i) => {
    const dir = join(options.dataDir, `kafka-${i}`);
    const [port, controllerPort] = [ports[2 * i], ports[2 * i + 1]];
    return { nodeId: i + 1, port, controllerPort, dir, properties: join(dir, 'server.properties'), log4j: join(dir, 'log4j.properties'), wanted: false };
  });
  for (const node of nodes) {
    mkdirSync(node.dir, { recursive: true });
    writeFileSync(node.properties, renderServerProperties(node, nodes));
    writeFileSync(node.log4j, renderLog4j(join(node.dir, 'server.log')));
  }
  const cluster = new LocalKafkaCluster(nodes, jars, env, options.timeoutMs ?? 60_000 + 20_000 * (size - 1));
  await cluster.format(randomClusterId());
  try {
    await cluster.start();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

export interface WaitForKafkaOptions {
  timeoutMs?: number;
  /** Wait until the metadata lists at least this many live brokers; default 1. */
  expectBrokers?: number;
  abortIf?: () => void;
}

/** Waits until the brokers answer a metadata request (through kafkajs, loaded only when needed). */
export async function waitForKafka(brokers: string[], options: WaitForKafkaOptions = {}): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const expected = options.expectBrokers ?? 1;
  const kafka = new Kafka({
    clientId: 'opn-infra-readiness',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  let seen = 0;
  await poll(
    `Kafka at ${brokers.join(',')}`,
    async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        seen = cluster.brokers.length;
        if (seen < expected) throw new Error(`${seen} of ${expected} brokers registered`);
        return true;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 500, abortIf: options.abortIf },
  );
}
