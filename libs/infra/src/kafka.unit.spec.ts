import { KafkaNode, randomClusterId, renderServerProperties } from './kafka';

function parse(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

const node = (i: number): KafkaNode => ({ nodeId: i + 1, port: 9000 + i, controllerPort: 9100 + i, dir: `/data/kafka-${i}` });

describe('renderServerProperties', () => {
  it('renders a single combined broker+controller', () => {
    const props = parse(renderServerProperties(node(0), [node(0)]));
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:9100',
      listeners: 'PLAINTEXT://127.0.0.1:9000,CONTROLLER://127.0.0.1:9100',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:9000',
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'log.dirs': '/data/kafka-0/data',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'default.replication.factor': '1',
      'min.insync.replicas': '1',
      'num.partitions': '3',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'true',
    });
    expect(Object.keys(props).some((k) => k.startsWith('log.flush'))).toBe(false);
  });

  it('renders node 2 of a three-node cluster with replicated defaults', () => {
    const nodes = [node(0), node(1), node(2)];
    const props = parse(renderServerProperties(nodes[1], nodes));
    expect(props).toMatchObject({
      'node.id': '2',
      'controller.quorum.voters': '1@127.0.0.1:9100,2@127.0.0.1:9101,3@127.0.0.1:9102',
      listeners: 'PLAINTEXT://127.0.0.1:9001,CONTROLLER://127.0.0.1:9101',
      'log.dirs': '/data/kafka-1/data',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
    });
  });

  it('caps internal topic replication at the cluster size', () => {
    const nodes = [node(0), node(1)];
    const props = parse(renderServerProperties(nodes[0], nodes));
    expect(props['offsets.topic.replication.factor']).toBe('2');
    expect(props['min.insync.replicas']).toBe('1');
    expect(props['default.replication.factor']).toBe('1');
  });
});

describe('randomClusterId', () => {
  it('is 16 bytes in unpadded base64url, never starting with a dash', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });
});
