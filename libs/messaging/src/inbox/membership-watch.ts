/**
 * Whether a consumer still belongs to its group, by when it last heard so: a heartbeat the
 * coordinator took, or a join. kafkajs can stay out of its group for good once the broker has
 * forgotten the member: it rejoins as a new member and, where the group's coordinator moved
 * meanwhile (a broker paused long enough for its controller to fence it), may never hear back,
 * sending no heartbeat and fetching for no group. Such a member is replaced; one that is only
 * waiting through a rebalance hears back within the rebalance's bound.
 */
export class MembershipWatch {
  private lastHeard: number;

  constructor(
    /** How long a member may hear nothing of its group before it counts as out of it. */
    readonly lostAfterMs: number,
    // A monotonic clock: a step of the wall clock (NTP) would count every member out at once.
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastHeard = now();
  }

  /** A heartbeat was taken, or the member joined. */
  heard(): void {
    this.lastHeard = this.now();
  }

  /** How long it has heard nothing. */
  get silentForMs(): number {
    return this.now() - this.lastHeard;
  }

  get lost(): boolean {
    return this.silentForMs > this.lostAfterMs;
  }
}

/**
 * The longest a member in its group goes without hearing so: a rebalance waiting for the slowest
 * member to join again (its rebalance timeout), and a session on either side of it (a heartbeat
 * due just before, the first one after).
 */
export function membershipLostAfterMs(sessionTimeoutMs: number, rebalanceTimeoutMs: number): number {
  return rebalanceTimeoutMs + 2 * sessionTimeoutMs;
}

/** The error a replaced member is logged and counted with. */
export class MembershipLostError extends Error {
  constructor(silentForMs: number) {
    super(`heard nothing of its group for ${Math.round(silentForMs / 1000)} s: no heartbeat taken and no join`);
    this.name = 'MembershipLostError';
  }
}
