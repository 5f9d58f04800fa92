// @ts-check
// Flat ESLint config for the whole monorepo. The architecture rules here are the machine-checked
// form of the layering conventions:
//   * @nx/enforce-module-boundaries: which kind of project (type:*) and which scope (scope:*) may
//     import which. Needs the Nx project graph cache (.nx/workspace-data); `npm run lint` refreshes
//     it first, otherwise the rule prints "No cached ProjectGraph is available" and is skipped.
//   * no-restricted-imports: the inner layers of an app (src/domain, src/application) and the pure
//     libs must not reach frameworks, I/O clients or outer layers.
//   * regexp/no-super-linear-*: no regular expression may backtrack or move in time growing faster
//     than its input (a ReDoS: one long text holding a service's only thread).
// libs/testing/src/lint-boundaries.unit.spec.ts and lint-regex-complexity.unit.spec.ts prove these
// rules fire.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Project boundaries (type:* and scope:* tags from each project.json)
// ---------------------------------------------------------------------------------------------

/** What each kind of project may depend on. */
const TYPE_RULES = {
  'type:app': ['type:contracts', 'type:domain', 'type:util', 'type:infrastructure'],
  // A domain lib is pure: no framework, no I/O, so neither infrastructure nor util libs.
  'type:domain': ['type:domain', 'type:contracts'],
  'type:contracts': ['type:contracts'],
  'type:util': ['type:util'],
  'type:infrastructure': ['type:infrastructure', 'type:util', 'type:contracts', 'type:domain'],
  // Test helpers may use anything except apps.
  'type:testing': ['type:testing', 'type:contracts', 'type:domain', 'type:util', 'type:infrastructure'],
};

/** Every scope:<x> tag other than scope:shared, read from the project.json files (new apps pick it up). */
function projectScopes() {
  const scopes = new Set();
  for (const dir of ['apps', 'libs']) {
    let names = [];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const { tags = [] } = JSON.parse(readFileSync(join(root, dir, name, 'project.json'), 'utf8'));
        for (const tag of tags) if (tag.startsWith('scope:') && tag !== 'scope:shared') scopes.add(tag);
      } catch {
        // no project.json (or one being edited): nothing to add
      }
    }
  }
  return [...scopes].sort();
}

/** @param {{ testFiles: boolean }} opts */
function depConstraints({ testFiles }) {
  // Tests (*.spec.ts) anywhere may additionally import @cs/testing (type:testing).
  const extra = testFiles ? ['type:testing'] : [];
  return [
    ...Object.entries(TYPE_RULES).map(([sourceTag, allowed]) => ({
      sourceTag,
      onlyDependOnLibsWithTags: [...new Set([...allowed, ...extra])],
    })),
    // Shared libs never depend on something owned by one service.
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // A service's projects depend only on their own scope and shared libs (never on another service).
    ...projectScopes().map((scope) => ({
      sourceTag: scope,
      onlyDependOnLibsWithTags: [scope, 'scope:shared'],
    })),
  ];
}

/** @param {{ testFiles: boolean }} opts */
const moduleBoundaries = ({ testFiles }) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: depConstraints({ testFiles }),
  },
];

// ---------------------------------------------------------------------------------------------
// Layering inside apps and pure libs (no-restricted-imports)
// ---------------------------------------------------------------------------------------------

const FRAMEWORK = {
  regex: '^@nestjs/',
  message: 'Framework code (NestJS) belongs in api/ or infrastructure/, not here.',
};
const IO_CLIENTS = {
  regex: '^(typeorm|kafkajs|redis|@redis/[a-z-]+|pg)(/|$)',
  message: 'I/O clients (typeorm, kafkajs, redis, pg) belong in infrastructure, not here.',
};
const HTTP_SERVER = {
  regex: '^fastify(/|$)',
  message: 'The HTTP server (fastify) belongs in api/ or infrastructure/, not in the domain.',
};
const INFRA_LIBS = {
  regex: '^@cs/(platform|messaging|kafka-admin|persistence)(/|$)',
  message: 'Infrastructure libs (@cs/platform, @cs/messaging, @cs/kafka-admin, @cs/persistence) must not be used by the domain.',
};
const OUTER_LAYERS = {
  // ../infrastructure, ../../api/x, ./../application/y ...
  regex: '^(\\./)?(\\.\\./)+(infrastructure|api|application)(/|$)',
  message: 'The domain must not depend on the application, api or infrastructure layers.',
};
const API_LAYER = {
  regex: '^(\\./)?(\\.\\./)+api(/|$)',
  message: 'The application layer must not depend on the api layer.',
};

// SQL lives in infrastructure/ repositories: a `.query(` anywhere else in an app is refused.
const SQL_OUTSIDE_INFRASTRUCTURE = {
  selector: "CallExpression[callee.property.name='query']",
  message: 'SQL belongs in an infrastructure/ repository; call the repository from here.',
};

// A row schema is compiled into a checker once per schema object (libs/persistence typed-query):
// one built in the call itself is compiled again on every call, which under load was a few
// per cent of a consumer's time. Declare it once, beside the statement.
const ROW_SCHEMA_IN_CALL = {
  selector:
    "CallExpression[callee.name=/^(selectRows?|changedRows)$/] > CallExpression.arguments:nth-child(2), CallExpression[callee.name='checkedRows'] > CallExpression.arguments:first-child",
  message: 'Declare the row schema once (a module constant): a schema built in the call is compiled again on every call.',
};

/** @param {object[]} patterns */
const restrictImports = (...patterns) => ['error', { patterns }];

/** Unused names are errors unless deliberately marked with a leading underscore. */
const UNUSED_VARS = {
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
};

// ---------------------------------------------------------------------------------------------
// Node globals for the plain-JS files (scripts/*.mjs, jest.config.js); TS files need none.
// ---------------------------------------------------------------------------------------------

const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
    'AbortController', 'AbortSignal', 'fetch', 'structuredClone', 'queueMicrotask',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename'].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '.infra/',
    '.nx/',
    '**/coverage/',
    '**/tmp/',
  ]),

  // Everything: JS recommended; TS files additionally typescript-eslint recommended (syntactic,
  // no type information, keeps `eslint .` to a few seconds).
  { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], ...js.configs.recommended },
  ...tseslint.configs.recommended.map((config) => ({ files: ['**/*.{ts,mts,cts}'], ...config })),
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    plugins: { '@nx': nx },
    rules: {
      'no-console': 'error',
      'no-unused-vars': ['error', UNUSED_VARS],
    },
  },
  {
    files: ['**/*.{ts,mts,cts}'],
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', UNUSED_VARS],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },

  // Regular expressions in linear time, everywhere: free text, addresses and names from requests are
  // masked, validated and tokenised by patterns, and one that reads a long run again from each of
  // its characters let 100 KB of an address hold a service for half a minute (ADR 0162). Checked
  // by analysis of each pattern, not by timing it. The strictest settings: a pattern whose
  // quantifiers could trade characters is reported (report: potential), and so is one whose source
  // another pattern is built from (ignorePartial: false).
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { ignorePartial: false, ignoreSticky: false }],
    },
  },

  // Plain JS: Node ESM scripts, CommonJS config files.
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
  },

  // Command-line entry points and scripts talk to the terminal.
  {
    files: ['**/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },

  // Configuration is read in one place: @cs/config declares and validates every variable (and
  // generates docs/configuration.md). Tests and the test harness set up their own processes.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/config/src/**', 'libs/testing/src/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @cs/config (loadServiceConfig or readEnvironment).' },
      ],
    },
  },

  // Project boundaries (production code, then tests which may also use @cs/testing; an app's or
  // a lib's src/testing/ holds test support that scripts/build.mjs never ships).
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testFiles: false }) },
  },
  {
    files: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'apps/*/src/testing/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testFiles: true }) },
  },
  // A lib's test support under its own alias (@cs/messaging/testing) belongs to its project, whose
  // tag the boundaries rule allows anywhere; it uses @cs/testing, so production code may not reach it.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/*/src/testing/**', 'libs/*/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@cs/*/testing', '@cs/*/testing/**'], message: 'A lib’s test support is for tests and test support; production code never ships it.' }] },
      ],
    },
  },

  // Layers inside an app. (Each block sets the whole no-restricted-imports option; the globs do
  // not overlap, so none overrides another.)
  {
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports(
        FRAMEWORK,
        IO_CLIENTS,
        HTTP_SERVER,
        INFRA_LIBS,
        OUTER_LAYERS,
      ),
    },
  },
  {
    files: ['apps/*/src/application/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(API_LAYER) },
  },

  // Row schemas declared once, everywhere the service code reads rows.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ROW_SCHEMA_IN_CALL] },
  },
  // SQL only in infrastructure/ (tests may look behind the API with their own queries).
  {
    files: ['apps/*/src/{domain,application,api}/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', SQL_OUTSIDE_INFRASTRUCTURE, ROW_SCHEMA_IN_CALL] },
  },

  // Pure libs: no framework, no I/O clients.
  {
    files: [
      'libs/contracts/**/*.ts',
      'libs/ddd/**/*.ts',
      'libs/config/**/*.ts',
      'libs/business-calendar/**/*.ts',
      'libs/privacy/**/*.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(FRAMEWORK, IO_CLIENTS) },
  },
]);
