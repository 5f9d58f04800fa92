import { DEFAULT_SESSION_TIMEOUT_MS, groupMembership } from './group-membership';

describe('a consumer group membership', () => {
  it('heartbeats every third of its session, at most every 3 s, and an idle fetch waits no longer than that', () => {
    expect(groupMembership(6_000)).toEqual({ sessionTimeout: 6_000, heartbeatInterval: 2_000, maxWaitTimeInMs: 2_000 });
    expect(groupMembership(300_000)).toEqual({ sessionTimeout: 300_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 3_000 });
    expect(groupMembership()).toEqual({ sessionTimeout: DEFAULT_SESSION_TIMEOUT_MS, heartbeatInterval: 3_000, maxWaitTimeInMs: 3_000 });
  });
});
