// Test tiers are named by file suffix: *.unit.spec.ts need nothing running;
// *.int.spec.ts talk to real Postgres, Kafka and Redis; *.e2e.spec.ts run the built services.
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc.base.json`, 'utf8'));
const { paths } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')).compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/k8s', '<rootDir>/tools'],
  testMatch: [`**/*.${name}.spec.ts`],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper,
  ...extra,
});

// The tiers with real servers share one set-up and tear-down (jest runs a hook file once per run):
// the run's own database, Kafka namespace and Redis database (ADR 0054). Each of their suites
// holds the machine's servers while it runs, alone where it stops one of them (ADR 0182).
const RUN_HOOKS = {
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testEnvironment: '<rootDir>/libs/testing/src/jest/servers-environment.ts',
};

module.exports = {
  testSequencer: '<rootDir>/libs/testing/src/jest/servers-sequencer.js',
  projects: [
    tier('unit', { setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/unit-timeout.ts'] }),
    tier('int', {
      ...RUN_HOOKS,
      setupFiles: ['<rootDir>/libs/testing/src/jest/worker-database.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/int-timeout.ts'],
    }),
    tier('e2e', {
      ...RUN_HOOKS,
      setupFiles: ['<rootDir>/libs/testing/src/jest/worker-database.ts', '<rootDir>/libs/testing/src/jest/worker-kafka-namespace.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/e2e-timeout.ts'],
    }),
  ],
};
