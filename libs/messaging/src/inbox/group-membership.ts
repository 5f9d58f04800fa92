/** How long a member keeps its partitions without a heartbeat unless configured (ADR 0052). */
export const DEFAULT_SESSION_TIMEOUT_MS = 10_000;

export interface GroupMembership {
  readonly sessionTimeout: number;
  /** A third of the session, as the broker expects, and no more than 3 s. */
  readonly heartbeatInterval: number;
  /** kafkajs heartbeats from its fetch loop only: an idle member's fetch must not wait past one interval. */
  readonly maxWaitTimeInMs: number;
}

/** The kafkajs consumer settings that hold a member in its group for `sessionTimeoutMs` (ADR 0052). */
export function groupMembership(sessionTimeoutMs: number = DEFAULT_SESSION_TIMEOUT_MS): GroupMembership {
  const heartbeatInterval = Math.min(3_000, Math.floor(sessionTimeoutMs / 3));
  return { sessionTimeout: sessionTimeoutMs, heartbeatInterval, maxWaitTimeInMs: heartbeatInterval };
}
