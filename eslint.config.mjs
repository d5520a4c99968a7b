// Root ESLint flat config. `npm run lint` (and `nx run-many -t lint`) use it.
//
// Module boundaries follow CONVENTIONS.md: every Nx project (its project.json) carries one
// `scope:*` and one `type:*` tag, and @nx/enforce-module-boundaries checks each import against
// the constraints below. test/architecture/module-boundaries.unit.spec.ts proves they bite.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// @nx/enforce-module-boundaries reads the project graph from the cache in .nx/workspace-data and
// silently skips every check (printing a warning) when there is none, e.g. on a fresh clone or in
// CI. A stale cache is as bad: tags and import edges would be the old ones. So refresh it here,
// unless nx is running us as a task (it has just computed the graph itself).
if (!process.env.NX_TASK_TARGET_PROJECT) {
  await createProjectGraphAsync({ exitOnError: false });
}

/** One entry per bounded context under services/: adding a service means adding its name here. */
const SERVICES = ['identity', 'relations', 'territories', 'collectives', 'recommendations', 'gateway', 'web'];

/** Packages that do I/O or belong to the HTTP/messaging shell: never in domain code nor in contracts. */
const IO_PACKAGES = [
  '@nestjs/*',
  'express',
  'helmet',
  'class-validator',
  'class-transformer',
  'mongoose',
  'mongodb',
  'kafkajs',
  'better-sqlite3',
  'sqlite3',
  '@kurrent/*',
  '@eventstore/*',
  'argon2',
  'jose',
];

const TYPE_CONSTRAINTS = {
  // A service: any lib, never another app (Nx also forbids importing an app outright).
  'type:app': ['type:kit', 'type:domain', 'type:contracts', 'type:data-access', 'type:util'],
  // The service kit: composes the adapters, the HTTP shell and operability into one Nest module
  // that each service declares itself to. Never a service.
  'type:kit': ['type:kit', 'type:data-access', 'type:contracts', 'type:domain', 'type:util'],
  // The pure event-sourcing kernel: only other domain code, and no npm package at all (see below).
  'type:domain': ['type:domain'],
  // Public event schemas: other contracts and the kernel's types.
  'type:contracts': ['type:contracts', 'type:domain'],
  // Adapters (event store, Kafka, MongoDB).
  'type:data-access': ['type:data-access', 'type:contracts', 'type:domain', 'type:util'],
  // Shell helpers (HTTP kit, auth, infra launcher): never adapters.
  'type:util': ['type:util', 'type:domain', 'type:contracts'],
  // Test helpers: anything but apps and system tests.
  'type:testing': ['type:testing', 'type:kit', 'type:data-access', 'type:contracts', 'type:domain', 'type:util'],
  // test/: cross-service system, reliability and bench suites. Imported by nothing, since no
  // other constraint lists type:e2e (and Nx forbids importing an application project).
  'type:e2e': ['type:app', 'type:testing', 'type:kit', 'type:data-access', 'type:contracts', 'type:domain', 'type:util'],
};

const SCOPE_CONSTRAINTS = {
  // libs never import a service
  'scope:shared': ['scope:shared'],
  // a service imports itself and shared libs, never another service
  ...Object.fromEntries(SERVICES.map((s) => [`scope:${s}`, [`scope:${s}`, 'scope:shared']])),
  // test/ sees every service
  'scope:system': ['scope:system', 'scope:shared', ...SERVICES.map((s) => `scope:${s}`)],
};

/** @param {{ tests: boolean }} opts tests: the constraints for test code (specs, services' test/ folders) */
function depConstraints({ tests }) {
  return [
    ...Object.entries(TYPE_CONSTRAINTS).map(([sourceTag, allowed]) => ({
      sourceTag,
      // test code of any project may also use the testing helpers
      onlyDependOnLibsWithTags: tests && !allowed.includes('type:testing') ? [...allowed, 'type:testing'] : allowed,
      ...(sourceTag === 'type:domain' && { allowedExternalImports: [] }),
      ...(sourceTag === 'type:contracts' && { bannedExternalImports: IO_PACKAGES }),
    })),
    ...Object.entries(SCOPE_CONSTRAINTS).map(([sourceTag, allowed]) => ({ sourceTag, onlyDependOnLibsWithTags: allowed })),
  ];
}

const boundaries = (opts, extra = {}) => ['error', { depConstraints: depConstraints(opts), ...extra }];

const TEST_FILES = ['**/*.spec.ts', 'services/*/test/**/*.ts'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** no-restricted-imports groups that keep deciders pure */
const IMPURE_IMPORTS = {
  group: [...IO_PACKAGES, '@opn/event-store', '@opn/messaging', '@opn/projections', '@opn/service-kit', '@opn/auth', '@opn/infra'],
  message: 'Domain code stays pure: no I/O, framework or adapter imports (CONVENTIONS.md). Do it in features/, infrastructure/ or read-models/.',
};

export default defineConfig(
  {
    ignores: [
      '**/dist/',
      '**/node_modules/',
      '.nx/',
      '.infra/',
      '**/.data/',
      'coverage/',
      'reports/',
      'tmp/',
      'libs/infra/ferretdb/',
      '*.config.js',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // JavaScript (tools/*.mjs and the like): ESLint's recommended set, in Node.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } } },

  // TypeScript: typescript-eslint's recommended set (syntactic only: the type-aware sets would make lint
  // run a full type check, which `npm run typecheck` already does).
  {
    files: TS_FILES,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { '@nx': nx },
    rules: {
      // `_`-prefixed names are deliberately unused: dropped fields (`const { password: _p, ...rest } = x`),
      // placeholder parameters, ignored catch bindings.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `any` stays an error: the few legitimate uses carry an eslint-disable comment saying why.
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': boundaries({ tests: false }),
    },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': boundaries({ tests: true }) },
  },
  {
    // test/ may drive a service in process through the harness under services/<name>/test/. Nx always
    // rejects an import of an application project, so that one path is allowed explicitly.
    files: ['test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries({ tests: true }, { allow: ['^(\\.\\./)+services/[^/]+/test/'] }),
    },
  },

  // Deciders stay pure: no framework, database, broker or adapter, and no reaching into the shell.
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            IMPURE_IMPORTS,
            {
              regex: '^\\.\\./.*(^|/)(infrastructure|features|read-models|integration|config|main)(/|$)|\\.module$',
              message: 'Domain code must not import the service shell (features, infrastructure, read models, integration, config, modules).',
            },
          ],
        },
      ],
    },
  },
  // The kernel depends on nothing but Node's built-ins.
  {
    files: ['libs/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            IMPURE_IMPORTS,
            { group: ['@opn/*'], message: 'The kernel depends on no other project.' },
          ],
        },
      ],
    },
  },

  // The web app (React, in the browser): the rules of hooks, and every effect's dependencies named.
  {
    files: ['services/web/**/*.tsx', 'services/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
