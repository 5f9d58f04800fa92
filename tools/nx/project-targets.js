// Gives every project (apps/*, libs/*, k8s) the same `build`, `test` and `test-int` targets, so
// each project.json declares only name and tags; `lint` comes from @nx/eslint/plugin.
// Jest keeps one root config whose tiers are named by file suffix; a project's targets run the
// tier over that project's folder.
const { dirname } = require('node:path');

/** @param {string} root */
function targetsFor(root) {
  const jest = (tier, extra = '') => `npx jest --selectProjects ${tier} --passWithNoTests ${extra}-- ${root}/`;
  return {
    build: {
      command: `node scripts/build.mjs ${root}`,
      dependsOn: ['^build'],
      inputs: ['production', '^production'],
      outputs: [`{workspaceRoot}/dist/${root}`],
      cache: true,
    },
    // Caching and inputs: targetDefaults in nx.json.
    test: { command: jest('unit') },
    // Needs Postgres, Kafka and Redis (scripts/infra.sh); one suite at a time, as nx may run several
    // projects' targets at once, each a jest run of its own on the same two cores.
    'test-int': { command: jest('int', '--runInBand '), cache: false },
  };
}

module.exports = {
  name: 'cs-project-targets',
  createNodesV2: [
    '{apps/*,libs/*,k8s}/project.json',
    async (files) => files.map((file) => [file, { projects: { [dirname(file)]: { targets: targetsFor(dirname(file)) } } }]),
  ],
};
