import { STARTUP_BUDGET_MS, STARTUP_SCHEMA_WAIT_MS, schemaWaitMs } from './await-schema';

describe('how long a start-up waits for its schema', () => {
  it('waits its full time when it started at once, and only what the startup budget leaves after a long wait for Postgres', () => {
    expect(schemaWaitMs(1_000)).toBe(STARTUP_SCHEMA_WAIT_MS);
    // 30 s spent waiting for Postgres: the schema gets what is left, so the failure is logged before the kubelet kills the pod.
    const afterPostgres = schemaWaitMs(31_000);
    expect(afterPostgres).toBeLessThan(STARTUP_SCHEMA_WAIT_MS);
    expect(31_000 + afterPostgres).toBeLessThan(STARTUP_BUDGET_MS - 10_000);
  });

  it('still looks for a few seconds when the budget is spent', () => {
    expect(schemaWaitMs(STARTUP_BUDGET_MS)).toBe(5_000);
  });
});
