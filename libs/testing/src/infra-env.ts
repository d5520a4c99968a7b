export interface TestInfra {
  kafkaBrokers: string[];
  /** `mongodb://host:port/`: pick a database name per test suite. */
  mongoUrl: string;
}

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new Error(
      `${name} is not set. Infra-backed tests belong to the jest "int" project (*.int.spec.ts / *.e2e.spec.ts), ` +
        `whose globalSetup starts Kafka and FerretDB; or point KAFKA_BROKERS and MONGODB_URL at running servers ` +
        `(e.g. from \`npm run infra -- up\`, see .infra/current.json).`,
    );
  }
  return value;
}

/** Addresses of the Kafka and MongoDB-compatible servers for the current test run, from env. */
export function testInfra(): TestInfra {
  return {
    kafkaBrokers: required('KAFKA_BROKERS').split(',').map((b) => b.trim()).filter(Boolean),
    mongoUrl: required('MONGODB_URL'),
  };
}
