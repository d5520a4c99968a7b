import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const main = join(__dirname, '..', '..', '..', 'dist', 'services', 'identity', 'src', 'main.js');

describe('identity refuses to start with bad configuration', () => {
  it('exits non-zero before opening anything, naming every bad variable', () => {
    const result = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, IDENTITY_PORT: 'eighty', KAFKA_BROKERS: 'localhost', MONGODB_URL: 'postgres://db/x', ACCESS_TOKEN_TTL_SECONDS: '-5' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toEqual([
      '  - IDENTITY_PORT: must be a TCP port number (0-65535); got "eighty"',
      '  - MONGODB_URL: must be a URL starting with mongodb:// or mongodb+srv://; got "postgres://db/x"',
      '  - KAFKA_BROKERS: must be a comma-separated list of host:port (bad: localhost); got "localhost"',
      '  - ACCESS_TOKEN_TTL_SECONDS: must be a whole number between 30 and 86400; got "-5"',
    ]);
  });
});
