import type { Connection } from 'mongoose';

/** Event ids a consumer group already handled, in MongoDB: `{_id: '<group>:<eventId>'}`. */
export class MongoProcessedEvents {
  constructor(
    private readonly connection: Connection,
    private readonly collection = 'processed_events',
  ) {}

  async has(group: string, eventId: string): Promise<boolean> {
    return (await this.connection.collection(this.collection).countDocuments({ _id: `${group}:${eventId}` } as never, { limit: 1 })) > 0;
  }

  async add(group: string, eventId: string): Promise<void> {
    await this.connection
      .collection(this.collection)
      .updateOne({ _id: `${group}:${eventId}` } as never, { $setOnInsert: { at: new Date() } }, { upsert: true });
  }

  /** Forgets every id of one group (a rebuild replays its topics from the start). */
  async clear(group: string): Promise<void> {
    const prefix = `${group}:`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.connection.collection(this.collection).deleteMany({ _id: { $regex: `^${prefix}` } } as never);
  }
}
