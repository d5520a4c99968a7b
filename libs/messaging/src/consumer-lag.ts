import { Admin, Kafka } from 'kafkajs';
import { KafkaConfig, createKafka } from './kafka-config';

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** Messages after the group's committed offset (all retained ones when it committed none). */
  lag: number;
}

/**
 * Reads consumer-group lag from the brokers on demand (one admin connection, opened on first use):
 * topic end offsets minus the groups' committed offsets. Meant to be called when metrics are
 * scraped; a call that takes longer than `timeoutMs` (broker unreachable) rejects.
 */
export class ConsumerLagProbe {
  private readonly kafka: Kafka;
  private admin?: Promise<Admin>;

  constructor(
    config: KafkaConfig,
    private readonly groups: Array<{ groupId: string; topics: string[] }>,
    private readonly timeoutMs = 3000,
  ) {
    this.kafka = createKafka(config);
  }

  lag(): Promise<PartitionLag[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`consumer lag not read within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([this.read(), timeout]).finally(() => clearTimeout(timer));
  }

  private async read(): Promise<PartitionLag[]> {
    const admin = await this.connect();
    const result: PartitionLag[] = [];
    for (const { groupId, topics } of this.groups) {
      const committed = await admin.fetchOffsets({ groupId, topics });
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const byPartition = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const end of ends) {
          const at = byPartition.get(end.partition) ?? -1;
          const from = at >= 0 ? at : Number(end.low);
          result.push({ group: groupId, topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
        }
      }
    }
    return result;
  }

  private connect(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(
        () => admin,
        (error: unknown) => {
          this.admin = undefined; // try again at the next call
          throw error;
        },
      );
    }
    return this.admin;
  }

  async close(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
