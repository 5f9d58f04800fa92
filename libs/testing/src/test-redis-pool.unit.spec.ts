import { TEST_REDIS_POOL, INSTANCE_SPEC_REDIS_POOL, exhaustedPoolMessage } from './test-redis-pool';

describe('the test runs’ pool of Redis databases', () => {
  it('is 9 to 13, clear of the development system’s 0, the benchmark’s 14, the fuzzer’s 15 and the instance spec’s own', () => {
    expect(TEST_REDIS_POOL).toEqual([9, 10, 11, 12, 13]);
    for (const db of [0, 14, 15, ...INSTANCE_SPEC_REDIS_POOL]) expect(TEST_REDIS_POOL).not.toContain(db);
  });

  it('when every database is held, says which run holds each, and from where', () => {
    const message = exhaustedPoolMessage(
      [9, 10, 11],
      [
        { redisDb: 9, run: 'cs_test_101_1800000000_aaaaaa', backendPid: 4001, clientAddress: '10.0.0.7' },
        { redisDb: 10, run: 'cs_test_202_1800000060_bbbbbb', backendPid: 4002, clientAddress: null },
      ],
    );
    expect(message).toContain('(9, 10, 11)');
    expect(message).toContain('9 by cs_test_101_1800000000_aaaaaa (Postgres backend 4001 from 10.0.0.7)');
    expect(message).toContain('10 by cs_test_202_1800000060_bbbbbb (Postgres backend 4002)');
    expect(message).toContain('11 by a run that let it go meanwhile');
  });
});
