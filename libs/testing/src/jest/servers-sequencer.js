// Jest loads a test sequencer untransformed, so this one is plain CommonJS.
const { readFileSync } = require('node:fs');
const { extract, parse } = require('jest-docblock');
const Sequencer = require('@jest/test-sequencer').default;

/** Whether a suite's docblock asks to hold the servers alone (`servers-environment.ts`, ADR 0182). */
function runsAlone(path) {
  const options = parse(extract(readFileSync(path, 'utf8')))['jest-environment-options'];
  if (typeof options !== 'string') return false;
  try {
    return JSON.parse(options).servers === 'alone';
  } catch {
    // The environment refuses options it cannot read, naming the suite.
    return false;
  }
}

/**
 * Jest's order (failed first, then the longest), but the suites that run alone before every
 * other: each of them waits for every suite running beside it to end, so one coming in the middle
 * of the tier idles the other worker for as long as the suite it waits for has left to run.
 */
class ServersSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const alone = sorted.filter((test) => runsAlone(test.path));
    return [...alone, ...sorted.filter((test) => !alone.includes(test))];
  }
}

module.exports = ServersSequencer;
