import { TestEnvironment } from 'jest-environment-node';
import { SERVERS_USES, ServersHold, ServersUse, holdServers } from '../servers-lock';
import { aloneFirstOf, markQueued, untilAloneSuitesQueued } from './alone-first';

/**
 * The int and e2e tiers' environment: each suite holds the machine's servers for as long as it runs,
 * `shared` unless its docblock says `@jest-environment-options {"servers": "alone"}` (a suite that
 * stops or restarts Postgres, Kafka or Redis), so that two suites may run at once and a suite
 * stopping a server never runs beside another, whatever the number of workers (ADR 0182).
 */
export default class ServersEnvironment extends TestEnvironment {
  private readonly use: ServersUse;
  private readonly suite: string;
  private hold?: ServersHold;

  constructor(...[config, context]: ConstructorParameters<typeof TestEnvironment>) {
    super(config, context);
    this.use = serversUseOf(config.projectConfig.testEnvironmentOptions['servers'], context.testPath);
    this.suite = context.testPath;
  }

  override async setup(): Promise<void> {
    await super.setup();
    const asked = Date.now();
    let waited = false;
    // The run's alone suites go first at the lock too, not only in the order (servers-sequencer.js).
    const first = aloneFirstOf();
    if (first && this.use === 'shared' && !(await untilAloneSuitesQueued(first))) {
      process.stderr.write(`${this.suite}: the run's suites holding the servers alone did not queue within a minute; asking anyway\n`);
    }
    const queued = () => {
      if (first && this.use === 'alone') markQueued(first, this.suite);
    };
    try {
      this.hold = await holdServers(this.use, {
        onQueued: queued,
        onWait: () => {
          waited = true;
          process.stderr.write(`${this.suite}: waiting to hold the servers ${this.use}\n`);
        },
        onLost: () => process.stderr.write(`${this.suite}: the hold on the servers ended before the suite did; a suite stopping a server may run beside it\n`),
      });
    } finally {
      // Failed to hold, it will not run: no shared suite waits for it.
      queued();
    }
    // Jest counts the wait in the suite's time (its report, and the longest-first order of the next run).
    if (waited) process.stderr.write(`${this.suite}: held the servers ${this.use} after ${((Date.now() - asked) / 1000).toFixed(1)} s\n`);
  }

  override async teardown(): Promise<void> {
    await this.hold?.release();
    await super.teardown();
  }
}

export function serversUseOf(option: unknown, suite: string): ServersUse {
  if (option === undefined) return 'shared';
  const use = SERVERS_USES.find((candidate) => candidate === option);
  if (!use) throw new Error(`${suite}: the environment option "servers" is ${JSON.stringify(option)}; say "shared" or "alone"`);
  return use;
}
