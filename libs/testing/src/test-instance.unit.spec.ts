import { TEST_REDIS_DB, staleTestDatabases, testInstanceNames, topicPrefixOf } from './test-instance';

const servers = { databaseAdminUrl: 'postgres://postgres:postgres@127.0.0.1:5432/cs', redisUrl: 'redis://127.0.0.1:6379' };

describe('the test tiers’ own instance', () => {
  it('names a database, a Kafka namespace and a Redis database of the run, on the same servers', () => {
    const instance = testInstanceNames(servers, 4242, 1_800_000_000);
    expect(instance).toEqual({
      database: 'cs_test_4242_1800000000',
      databaseAdminUrl: 'postgres://postgres:postgres@127.0.0.1:5432/cs_test_4242_1800000000',
      topicPrefix: 'test-4242-1800000000',
      redisUrl: `redis://127.0.0.1:6379/${TEST_REDIS_DB}`,
    });
    expect(topicPrefixOf(instance.database)).toBe(instance.topicPrefix);
  });

  it('replaces the Redis database the servers were given with its own, and never takes database 0', () => {
    expect(testInstanceNames({ ...servers, redisUrl: 'redis://:secret@10.0.0.5:6380/0' }, 1, 2, 12).redisUrl).toBe('redis://:secret@10.0.0.5:6380/12');
    expect(() => testInstanceNames(servers, 1, 2, 0)).toThrow(/database 0/);
  });

  it('takes as left by a killed run only test databases older than any run lasts and with nobody connected', () => {
    const now = 1_800_000_000;
    const sixHours = 6 * 60 * 60;
    expect(
      staleTestDatabases(
        [
          { name: `cs_test_1_${now - sixHours - 1}`, connections: 0 },
          { name: `cs_test_2_${now - sixHours - 1}`, connections: 3 },
          { name: `cs_test_3_${now - sixHours}`, connections: 0 },
          { name: `cs_test_4_${now - 60}`, connections: 0 },
          { name: `cs_bench_5_${now - sixHours * 2}`, connections: 0 },
          { name: 'cs', connections: 0 },
          { name: `cs_test_x_${now - sixHours * 2}`, connections: 0 },
        ],
        now,
      ),
    ).toEqual([`cs_test_1_${now - sixHours - 1}`]);
  });
});
