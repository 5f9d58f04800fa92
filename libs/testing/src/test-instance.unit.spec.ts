import { isUnderRunPrefix, oldTestDatabases, orphanedTestNamespaces, testInstanceNames, topicPrefixOf } from './test-instance';
import { runKafkaNamespace, runServiceKafkaNamespace } from './suite-kafka-namespace';
import { runDatabaseOf, runTopicPrefixOf, workerDatabaseName, workerDatabaseUrl, workerDatabasesLike, workerTopicPrefix } from './worker-databases';

const servers = { databaseAdminUrl: 'postgres://postgres:postgres@127.0.0.1:5432/cs', redisUrl: 'redis://127.0.0.1:6379' };
const now = 1_800_000_000;
const sixHours = 6 * 60 * 60;

describe('the test tiers’ own instance', () => {
  it('names a database, a Kafka namespace and a Redis database of the run, on the same servers', () => {
    const instance = testInstanceNames(servers, 4242, now, 'a1b2c3', 9);
    expect(instance).toEqual({
      database: 'cs_test_4242_1800000000_a1b2c3',
      databaseAdminUrl: 'postgres://postgres:postgres@127.0.0.1:5432/cs_test_4242_1800000000_a1b2c3',
      topicPrefix: 'test-4242-1800000000-a1b2c3',
      redisUrl: 'redis://127.0.0.1:6379/9',
    });
    expect(topicPrefixOf(instance.database)).toBe(instance.topicPrefix);
  });

  it('names each jest worker a database of the run, whose Kafka namespace is the run’s', () => {
    const run = testInstanceNames(servers, 4242, now, 'a1b2c3', 9);
    expect(workerDatabaseName(run.database, 2)).toBe('cs_test_4242_1800000000_a1b2c3_w2');
    expect(workerDatabaseUrl(run.databaseAdminUrl, 1)).toBe('postgres://postgres:postgres@127.0.0.1:5432/cs_test_4242_1800000000_a1b2c3_w1');
    // Derived again from a worker’s own URL, never appended to.
    expect(workerDatabaseUrl(workerDatabaseUrl(run.databaseAdminUrl, 1), 1)).toBe(workerDatabaseUrl(run.databaseAdminUrl, 1));
    expect(runDatabaseOf(workerDatabaseName(run.database, 12))).toBe(run.database);
    expect(workerDatabasesLike(run.database)).toBe('cs\\_test\\_4242\\_1800000000\\_a1b2c3\\_w%');
    expect(topicPrefixOf(workerDatabaseName(run.database, 2))).toBe(run.topicPrefix);
    expect(() => workerDatabaseName(run.database, 0)).toThrow(/numbered from 1/);
    expect(() => workerDatabaseName(run.database, Number('x'))).toThrow(/numbered from 1/);
  });

  it('names each e2e worker a Kafka namespace under the run’s, under which a suite’s own namespaces stay the run’s', () => {
    const run = testInstanceNames(servers, 4242, now, 'a1b2c3', 9);
    const worker = workerTopicPrefix(run.topicPrefix, 2);
    expect(worker).toBe('test-4242-1800000000-a1b2c3-w2');
    expect(isUnderRunPrefix(`${worker}.ticket.created.v1`, run.topicPrefix)).toBe(true);
    expect(orphanedTestNamespaces([`${worker}.ticket.created.v1`], [], now + sixHours + 1)).toEqual([run.topicPrefix]);
    expect(workerTopicPrefix(worker, 2)).toBe(worker);
    expect(runTopicPrefixOf(worker)).toBe(run.topicPrefix);
    expect(() => workerTopicPrefix(run.topicPrefix, 0)).toThrow(/numbered from 1/);
    const previous = process.env['KAFKA_TOPIC_PREFIX'];
    process.env['KAFKA_TOPIC_PREFIX'] = worker;
    try {
      expect(runKafkaNamespace('dlq-1')).toBe(`${run.topicPrefix}.dlq-1`);
      expect(runServiceKafkaNamespace()).toMatch(new RegExp(`^${run.topicPrefix}-[0-9a-f]{8}$`));
    } finally {
      if (previous === undefined) delete process.env['KAFKA_TOPIC_PREFIX'];
      else process.env['KAFKA_TOPIC_PREFIX'] = previous;
    }
  });

  it('replaces the Redis database the servers were given with its own, and never takes database 0', () => {
    expect(testInstanceNames({ ...servers, redisUrl: 'redis://:secret@10.0.0.5:6380/0' }, 1, 2, 'abcdef', 12).redisUrl).toBe('redis://:secret@10.0.0.5:6380/12');
    expect(() => testInstanceNames(servers, 1, 2, 'abcdef', 0)).toThrow(/database 0/);
  });

  it('takes as possibly left by a killed run only test databases older than any run lasts', () => {
    expect(
      oldTestDatabases(
        [
          `cs_test_1_${now - sixHours - 1}_abcdef`,
          `cs_test_3_${now - sixHours}_abcdef`,
          `cs_test_4_${now - 60}_abcdef`,
          `cs_bench_5_${now - sixHours * 2}`,
          'cs',
          `cs_test_x_${now - sixHours * 2}_abcdef`,
          `cs_test_6_${now - sixHours * 2}`,
          `cs_test_1_${now - sixHours - 1}_abcdef_w2`,
          `cs_test_4_${now - 60}_abcdef_w1`,
          `cs_test_7_${now - sixHours * 2}_abcdef_wx`,
        ],
        now,
      ),
    ).toEqual([`cs_test_1_${now - sixHours - 1}_abcdef`, `cs_test_1_${now - sixHours - 1}_abcdef_w2`]);
  });

  it('takes as orphaned the namespaces of old runs whose database is gone, once each', () => {
    const old = `test-7-${now - sixHours - 1}-abcdef`;
    const living = `cs_test_8_${now - sixHours - 1}_abcdef`;
    const recent = `test-9-${now - 60}-abcdef`;
    expect(
      orphanedTestNamespaces(
        [`${old}.intake.events.v1`, `${old}.tickets.events.v1`, `${topicPrefixOf(living)}.intake.events.v1`, `${recent}.intake.events.v1`, 'intake.events.v1', `fuzz-1-${now - sixHours * 2}.intake.events.v1`],
        [living],
        now,
      ),
    ).toEqual([old]);
  });

  it('takes the namespaces a killed run’s suites made under its prefix as that run’s', () => {
    const old = `test-7-${now - sixHours - 1}-abcdef`;
    expect(orphanedTestNamespaces([`${old}.rebuild-1a2b3c4d.reporting.events.v1`, `${old}-0a1b2c3d.tickets.events.v1`], [], now)).toEqual([old]);
  });

  it('counts as a run’s its own names and its suites’ namespaces, and no other run’s', () => {
    const run = 'test-4242-1800000000-a1b2c3';
    expect(['intake.events.v1', 'rebuild-1a2b3c4d.intake.events.v1', '0a1b2c3d.dlq.v1'].map((name) => isUnderRunPrefix(`${run}.${name}`, run))).toEqual([true, true, true]);
    expect(isUnderRunPrefix(`${run}-0a1b2c3d.tickets.events.v1`, run)).toBe(true);
    expect(['test-4242-1800000000-a1b2c4.intake.events.v1', 'test-42-1800000000-a1b2c3.intake.events.v1', 'intake.events.v1', `x${run}.intake.events.v1`].map((name) => isUnderRunPrefix(name, run))).toEqual([false, false, false, false]);
  });
});
