import { Admin, Kafka } from 'kafkajs';
import { PartitionLag, groupLagWith } from './consumer-group-offsets';
import { KafkaConfig, createKafka } from './kafka-config';

/** One partition's lag, labelled with its group (a metrics series). */
export type GroupPartitionLag = PartitionLag & { group: string };

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

  lag(): Promise<GroupPartitionLag[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`consumer lag not read within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([this.read(), timeout]).finally(() => clearTimeout(timer));
  }

  private async read(): Promise<GroupPartitionLag[]> {
    const admin = await this.connect();
    const result: GroupPartitionLag[] = [];
    for (const { groupId, topics } of this.groups) {
      for (const p of (await groupLagWith(admin, groupId, topics)).partitions) result.push({ ...p, group: groupId });
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
