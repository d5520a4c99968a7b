import type { IntegrationProjection } from '@opn/projections';
import type { Connection } from 'mongoose';

/**
 * A memory index over Kafka-fed read models (declared as `kafkaMirrors`): graph walks and
 * time-sliced aggregates that a MongoDB-wire server cannot answer fast. It mirrors collections the
 * Kafka runner writes: at start-up, once MongoDB is reachable and before the runner consumes
 * anything, the kit reads every document of its projections' collections into it (`load`), then
 * the runner tells it each document it writes or deletes, after the write. MongoDB stays the
 * durable copy, so nothing here needs a replay of the topics, and a rebuild of the Kafka-fed read
 * models is seen at the next start. Until `loaded`, queries should answer 503 (UnavailableError).
 */
export abstract class KafkaMirror {
  private hydrated = false;

  /** The Kafka-fed read models this index mirrors (they must be among the service's `kafkaReadModels`). */
  abstract readonly projections: ReadonlyArray<Pick<IntegrationProjection<object>, 'name' | 'collection'>>;

  /** One document of `projection` as it now is (null: deleted). Called in the order of the writes. */
  protected abstract changed(projection: string, id: string, document: object | null): void;

  /** True once the collections were read (the kit reads them before the Kafka runner starts). */
  get loaded(): boolean {
    return this.hydrated;
  }

  /** Called by the kit's Kafka runner after each write. */
  documentChanged(projection: string, id: string, document: object | null): void {
    if (this.projections.some((p) => p.name === projection)) this.changed(projection, id, document);
  }

  /** Reads the mirrored collections (the kit calls it once, before the Kafka runner starts). */
  async load(connection: Connection): Promise<void> {
    for (const projection of this.projections) {
      const cursor = connection.collection(projection.collection).find({}, { projection: { _positions: 0, _eventId: 0 } });
      for await (const raw of cursor) {
        const { _id, ...document } = raw as { _id: unknown } & Record<string, unknown>;
        this.changed(projection.name, String(_id), document);
      }
    }
    this.hydrated = true;
  }
}

/** Every mirror of the service, for the Kafka runner to notify. */
export class KafkaMirrors {
  constructor(readonly all: readonly KafkaMirror[]) {}

  /**
   * Waits until MongoDB is connected (the kit's connection opens in the background), then loads
   * every mirror. Gives up quietly when `stopped()` turns true (the service is stopping).
   */
  async load(connection: Connection, stopped: () => boolean): Promise<boolean> {
    while (connection.readyState !== 1) {
      if (stopped()) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const mirror of this.all) await mirror.load(connection);
    return true;
  }

  notify(projection: string, id: string, document: object | null): void {
    for (const mirror of this.all) mirror.documentChanged(projection, id, document);
  }
}
