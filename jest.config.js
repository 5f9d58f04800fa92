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

module.exports = {
  projects: [
    tier('unit'),
    tier('int', { globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts', setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/int-timeout.ts'] }),
    tier('e2e', { globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts', setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/e2e-timeout.ts'] }),
  ],
};
