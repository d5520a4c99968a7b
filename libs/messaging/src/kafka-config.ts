import { Kafka, logLevel } from 'kafkajs';

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Replication factor of the topics we create (3 on a production cluster). */
  replicationFactor?: number;
  partitions?: number;
}

/** kafkajs behind one function so a successor client can replace it in one place. */
export const createKafka = (config: KafkaConfig): Kafka =>
  new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 3000 },
    connectionTimeout: 3000,
    requestTimeout: 10000,
  });

/** Creates missing topics; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: string[], config: Pick<KafkaConfig, 'partitions' | 'replicationFactor'>) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        // kafkajs does not retry "does not host this topic-partition" while a fresh KRaft cluster
        // elects leaders, so wait for leaders by polling metadata instead.
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: config.partitions ?? 3,
          replicationFactor: config.replicationFactor ?? 1,
        })),
      });
    }
    const deadline = Date.now() + 30000;
    for (;;) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...new Set(topics)] });
        if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
