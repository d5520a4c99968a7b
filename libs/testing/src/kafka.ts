import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface TopicMessage {
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads `topic` from the beginning with a throwaway consumer group until `until(messages)` holds
 * or the time is up; returns everything read.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  until: (messages: TopicMessage[]) => boolean,
  timeoutMs = 20000,
): Promise<TopicMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(6).toString('hex')}` });
  const messages: TopicMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const raw = message.value?.toString('utf8') ?? 'null';
        let value: unknown = raw;
        try {
          value = JSON.parse(raw);
        } catch {
          /* keep the raw text */
        }
        messages.push({
          key: message.key?.toString('utf8') ?? null,
          value,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          partition,
          offset: message.offset,
        });
        if (until(messages)) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * The ids a test consumer has handled, in memory (a `ProcessedEvents` of @opn/messaging, typed
 * structurally so that this library does not depend on it): a consumer standing for another
 * service counts each event once, exactly as the kit's consumers do with MongoDB.
 */
export class MemoryProcessedEvents {
  readonly ids = new Set<string>();
  async has(group: string, id: string): Promise<boolean> {
    return this.ids.has(`${group}:${id}`);
  }
  async add(group: string, id: string): Promise<void> {
    this.ids.add(`${group}:${id}`);
  }
}
