import { SessionRow, activityOf, backendNames, sessionRows } from './postgres-activity';

const row = (over: Partial<SessionRow>): SessionRow => ({
  pid: 1,
  role: 'intake',
  ours: true,
  backendType: 'client backend',
  state: 'idle',
  waitEventType: null,
  waitEvent: null,
  query: null,
  ...over,
});

describe("Postgres's activity at a reading", () => {
  it("counts the watched database's busy sessions by role and wait, and names a checkpoint and an autovacuum under way", () => {
    const activity = activityOf([
      row({ state: 'active' }),
      row({ state: 'active' }),
      row({ state: 'active', waitEventType: 'IO', waitEvent: 'WALSync' }),
      row({ role: 'tickets', state: 'active', waitEventType: 'Lock', waitEvent: 'transactionid' }),
      row({ state: 'idle in transaction' }),
      row({ state: 'idle in transaction (aborted)' }),
      row({ state: 'idle', waitEventType: 'Client', waitEvent: 'ClientRead' }),
      // Another database's sessions and autovacuum are not the watched one's.
      row({ ours: false, state: 'active' }),
      row({ ours: false, backendType: 'autovacuum worker', state: 'active', query: 'autovacuum: VACUUM other.table', role: null }),
      row({ backendType: 'checkpointer', state: null, waitEventType: 'Timeout', waitEvent: 'CheckpointWriteDelay', role: null }),
      row({ backendType: 'autovacuum worker', state: 'active', query: 'autovacuum: VACUUM intake.outbox', role: null }),
      row({ backendType: 'walwriter', state: null, waitEventType: 'Activity', waitEvent: 'WalWriterMain', role: null }),
    ]);
    expect(activity).toEqual({
      sessions: { 'intake: CPU': 2, 'intake: IO:WALSync': 1, 'intake: idle in transaction': 2, 'tickets: Lock:transactionid': 1 },
      background: ['autovacuum: VACUUM intake.outbox', 'checkpoint'],
    });
    const between = activityOf([row({ backendType: 'checkpointer', role: null, waitEventType: 'Activity', waitEvent: 'CheckpointerMain' })]);
    expect(between).toEqual({ sessions: {}, background: [] });
  });

  it("names each process by the role it serves or its kind, and another database's as such", () => {
    const names = backendNames([
      row({ pid: 10, role: 'intake' }),
      row({ pid: 11, role: 'tickets', state: 'active' }),
      row({ pid: 12, role: null, backendType: 'checkpointer' }),
      row({ pid: 13, role: null, backendType: 'autovacuum worker' }),
      row({ pid: 14, role: 'postgres', ours: false }),
    ]);
    expect(Object.fromEntries(names)).toEqual({
      10: 'postgres: intake',
      11: 'postgres: tickets',
      12: 'postgres: checkpointer',
      13: 'postgres: autovacuum worker',
      14: 'postgres: other databases',
    });
  });

  it("checks the rows Postgres's JSON gave, naming what is wrong", () => {
    const good = { pid: 7, role: 'intake', ours: true, backendType: 'client backend', state: 'active', waitEventType: null, waitEvent: null, query: null };
    expect(sessionRows([good])).toEqual([good]);
    expect(() => sessionRows({})).toThrow('expected an array of sessions');
    expect(() => sessionRows([null])).toThrow('session 0 is not an object');
    expect(() => sessionRows([{ ...good, pid: '7' }])).toThrow('session 0 has no pid or ours');
    expect(() => sessionRows([good, { ...good, state: 3 }])).toThrow("session 1's state is not text");
  });
});
