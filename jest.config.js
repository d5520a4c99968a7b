// One jest run for the whole repo, split in tiers by file suffix (see CONVENTIONS.md):
//   unit: *.unit.spec.ts  - pure logic, no servers
//   int:  *.int.spec.ts   - against the real Kafka / FerretDB / event store the launcher starts
//   e2e:  *.e2e.spec.ts   - whole services over HTTP and Kafka
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8'));

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  roots: ['<rootDir>/services', '<rootDir>/libs', '<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
const withInfra = {
  ...common,
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...withInfra, displayName: 'int', testMatch: ['**/*.int.spec.ts', '**/*.e2e.spec.ts'] },
  ],
};
