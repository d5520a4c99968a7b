import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// Architecture test: the module boundaries of eslint.config.mjs (CONVENTIONS.md, "Nx") reject the
// imports that would break the architecture and accept the legal ones. Each snippet is linted in
// memory (ESLint's lintText) at a path inside the project it pretends to belong to, so nothing is
// written to the repository. ESLint runs in one child process (see lint-snippets.mjs).
const root = resolve(__dirname, '../..');
const BOUNDARIES = '@nx/enforce-module-boundaries';
const RESTRICTED = 'no-restricted-imports';

interface Message {
  ruleId: string | null;
  message: string;
  line: number;
  fatal?: boolean;
}

const KERNEL = 'libs/kernel/src/zz-architecture.ts';
const DOMAIN = 'services/identity/src/domain/company/zz-architecture.ts';
const FEATURE = 'services/identity/src/features/zz-architecture.ts';

/** import lines, then one export using every imported name so that no other rule fires */
const snippet = (...imports: string[]) => {
  const names = imports.map((line) => /import (?:\{ )?(\w+)/.exec(line)![1]);
  return `${imports.join('\n')}\nexport const used = [${names.join(', ')}];\n`;
};

const CASES = {
  libToServiceRelative: [KERNEL, snippet(`import { IdentityModule } from '../../../services/identity/src/identity.module';`)],
  libToServiceBaseUrl: ['libs/messaging/src/zz-architecture.ts', snippet(`import { IdentityModule } from 'services/identity/src/identity.module';`)],
  utilToDataAccess: ['libs/auth/src/zz-architecture.ts', snippet(`import { SqliteEventStore } from '@opn/event-store';`)],
  libToTesting: ['libs/service-kit/src/zz-architecture.ts', snippet(`import { eventually } from '@opn/testing';`)],
  libSpecToTesting: ['libs/service-kit/src/zz-architecture.unit.spec.ts', snippet(`import { eventually } from '@opn/testing';`)],
  kernelToMongoose: [KERNEL, snippet(`import mongoose from 'mongoose';`)],
  kernelToContracts: [KERNEL, snippet(`import { ContractRegistry } from '@opn/contracts';`)],
  domainToMongoose: [DOMAIN, snippet(`import { Schema } from 'mongoose';`)],
  domainToNest: [DOMAIN, snippet(`import { Injectable } from '@nestjs/common';`)],
  domainToKafka: [DOMAIN, snippet(`import { Kafka } from 'kafkajs';`)],
  domainToEventStore: [DOMAIN, snippet(`import { SqliteEventStore } from '@opn/event-store';`)],
  domainToInfrastructure: [DOMAIN, snippet(`import { AccessTokens } from '../../infrastructure/tokens';`)],
  domainLegal: [DOMAIN, snippet(`import { IllegalStateError } from '@opn/kernel';`, `import { normalizeEmail } from '../shared/email';`)],
  featureLegal: [
    FEATURE,
    snippet(
      `import { Injectable } from '@nestjs/common';`,
      `import { SqliteEventStore } from '@opn/event-store';`,
      `import { IDENTITY_TOPICS } from '@opn/identity-contracts';`,
      `import { handleCommand } from '@opn/kernel';`,
    ),
  ],
} satisfies Record<string, [string, string]>;

let lint: Record<keyof typeof CASES, Message[]>;
beforeAll(() => {
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const input = JSON.stringify(names.map((name) => ({ filePath: CASES[name][0], code: CASES[name][1] })));
  const stdout = execFileSync(process.execPath, [resolve(__dirname, 'lint-snippets.mjs')], { cwd: root, input, encoding: 'utf8' });
  const results = JSON.parse(stdout) as Message[][];
  lint = Object.fromEntries(names.map((name, i) => [name, results[i]])) as typeof lint;
  for (const messages of results) expect(messages.filter((m) => m.fatal)).toEqual([]);
}, 30_000);

const rules = (messages: Message[]) => messages.map((m) => m.ruleId).sort();

describe('a shared lib', () => {
  it('cannot import a service, by relative path or through the baseUrl', () => {
    expect(rules(lint.libToServiceRelative)).toEqual([BOUNDARIES]);
    expect(rules(lint.libToServiceBaseUrl)).toEqual([BOUNDARIES]);
  });

  it('cannot import a lib of a layer it may not use (util -> data-access)', () => {
    expect(rules(lint.utilToDataAccess)).toEqual([BOUNDARIES]);
    expect(lint.utilToDataAccess[0].message).toContain('"type:util" can only depend on');
  });

  it('uses the testing helpers from its tests only', () => {
    expect(rules(lint.libToTesting)).toEqual([BOUNDARIES]);
    expect(lint.libSpecToTesting).toEqual([]);
  });
});

describe('the kernel', () => {
  it('imports no I/O package', () => {
    expect(rules(lint.kernelToMongoose)).toEqual([BOUNDARIES, RESTRICTED]);
    expect(lint.kernelToMongoose.find((m) => m.ruleId === BOUNDARIES)!.message).toContain('"type:domain" is not allowed to import "mongoose"');
  });

  it('imports no other project', () => {
    expect(rules(lint.kernelToContracts)).toEqual([BOUNDARIES, RESTRICTED]);
  });
});

describe("a service's domain code", () => {
  it.each(['domainToMongoose', 'domainToNest', 'domainToKafka', 'domainToEventStore', 'domainToInfrastructure'] as const)(
    'rejects %s',
    (name) => {
      expect(rules(lint[name])).toEqual([RESTRICTED]);
    },
  );

  it('may import the kernel and other domain code', () => {
    expect(lint.domainLegal).toEqual([]);
  });
});

describe('a service outside its domain', () => {
  it('may import the framework, adapters, contracts and the kernel', () => {
    expect(lint.featureLegal).toEqual([]);
  });
});
