import { ConfigError, env, loadConfig } from './config';
import { kitSpec } from './kit-config';

describe('configuration from the environment', () => {
  const spec = {
    port: env.port('DEMO_PORT', { default: 3000, description: '' }),
    brokers: env.hostPorts('KAFKA_BROKERS', { default: ['127.0.0.1:9092'], description: '' }),
    ttl: env.int('TTL_SECONDS', { default: 60, min: 1, max: 3600, description: '' }),
    mode: env.oneOf('MODE', ['fast', 'safe'] as const, { default: 'safe', description: '' }),
    url: env.url('MONGODB_URL', { protocols: ['mongodb://'], description: '' }),
    secret: env.string('SECRET_KEY', { description: '', secret: true, pattern: /^[a-f0-9]{64}$/, patternText: '64 hex digits' }),
  };

  it('reads valid values and applies defaults', () => {
    const config = loadConfig(spec, { MONGODB_URL: 'mongodb://db:27017/', SECRET_KEY: 'a'.repeat(64), MODE: 'fast' });
    expect(config).toEqual({ port: 3000, brokers: ['127.0.0.1:9092'], ttl: 60, mode: 'fast', url: 'mongodb://db:27017/', secret: 'a'.repeat(64) });
  });

  it('reports every missing or malformed variable at once, each by name', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(spec, { DEMO_PORT: '70000', KAFKA_BROKERS: 'kafka-1:9092,kafka-2', TTL_SECONDS: '1.5', MODE: 'turbo', SECRET_KEY: 'short-secret-value' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'DEMO_PORT: must be a TCP port number (0-65535); got "70000"',
      'KAFKA_BROKERS: must be a comma-separated list of host:port (bad: kafka-2); got "kafka-1:9092,kafka-2"',
      'TTL_SECONDS: must be a whole number between 1 and 3600; got "1.5"',
      'MODE: must be one of fast, safe; got "turbo"',
      'MONGODB_URL: is required; it is not set',
      'SECRET_KEY: must be 64 hex digits; got a value (hidden)',
    ]);
    expect(error!.message).not.toContain('short-secret-value');
  });

  it('names variables after the service where two services on one machine must differ', () => {
    const names = Object.values(kitSpec('relations', 3002)).map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(['RELATIONS_PORT', 'RELATIONS_DATA_DIR', 'RELATIONS_MONGODB_DB', 'KAFKA_BROKERS', 'MONGODB_URL', 'EVENTSTORE_URL']));
    const config = loadConfig(kitSpec('relations', 3002), {});
    expect(config.port).toBe(3002);
    expect(config.mongoDb).toBe('relations');
    expect(config.eventStoreUrl).toBeUndefined();
  });

  it('accepts only event store URLs the KurrentDB client understands', () => {
    expect(loadConfig(kitSpec('x', 1), { EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }).eventStoreUrl).toBe('esdb://localhost:2113?tls=false');
    expect(() => loadConfig(kitSpec('x', 1), { EVENTSTORE_URL: 'http://localhost:2113' })).toThrow(/EVENTSTORE_URL: must be a URL starting with esdb:\/\//);
  });
});
