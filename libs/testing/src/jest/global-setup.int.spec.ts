import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { testInfra } from '../infra-env';

// What globalSetup hands to the int tier: reachable Kafka and MongoDB-compatible servers.
describe('int tier infrastructure', () => {
  const { kafkaBrokers, mongoUrl } = testInfra();

  it('has a Kafka cluster answering metadata requests', async () => {
    const admin = new Kafka({ clientId: 'infra-smoke', brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.disconnect();
    }
  });

  it('has a MongoDB-compatible server that stores documents', async () => {
    const client = new MongoClient(mongoUrl);
    await client.connect();
    try {
      const collection = client.db(`infra_smoke_${process.pid}`).collection<{ n: number }>('docs');
      await collection.insertOne({ n: 42 });
      expect(await collection.findOne({ n: 42 }, { projection: { _id: 0 } })).toEqual({ n: 42 });
      await client.db(`infra_smoke_${process.pid}`).dropDatabase();
    } finally {
      await client.close();
    }
  });
});
