// Jest loads a test sequencer untransformed, so this one is plain CommonJS.
const { randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
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

/** Read by the workers (`alone-first.ts`, which names it too), who inherit it from this process. */
const ALONE_FIRST_VARIABLE = 'CS_ALONE_SUITES_FIRST';

/**
 * Jest's order (failed first, then the longest), but the suites that run alone before every
 * other: each of them waits for every suite running beside it to end, so one coming in the middle
 * of the tier idles the other worker for as long as the suite it waits for has left to run. First
 * in the order is not first at the lock: the other worker's first suite, shared, may ask a moment
 * before, and the alone suite then waits for all of it. So the alone suites are named to the
 * workers, and a shared suite asks only once each of them is queued (`servers-environment.ts`).
 */
class ServersSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const alone = sorted.filter((test) => runsAlone(test.path));
    delete process.env[ALONE_FIRST_VARIABLE];
    if (alone.length > 0 && alone.length < sorted.length) {
      // Named, not made: the first mark makes it (alone-first.ts), and the run's global tear-down
      // removes it. A listing of the suites (`--listTests`) orders them too, with no tear-down after.
      const directory = join(tmpdir(), `cs-alone-first-${randomUUID()}`);
      process.env[ALONE_FIRST_VARIABLE] = JSON.stringify({ directory, suites: alone.map((test) => test.path) });
    }
    return [...alone, ...sorted.filter((test) => !alone.includes(test))];
  }
}

module.exports = ServersSequencer;
