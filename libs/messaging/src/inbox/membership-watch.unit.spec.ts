import { MembershipLostError, MembershipWatch, membershipLostAfterMs } from './membership-watch';

describe('whether a consumer still belongs to its group', () => {
  it('is out of it once it has heard nothing for longer than the bound, and in it again from the next heartbeat or join', () => {
    let now = 1_000;
    const watch = new MembershipWatch(5_000, () => now);
    now += 5_000;
    expect(watch.lost).toBe(false);
    now += 1;
    expect([watch.lost, watch.silentForMs]).toEqual([true, 5_001]);
    watch.heard();
    expect([watch.lost, watch.silentForMs]).toEqual([false, 0]);
  });

  it('waits out a rebalance and a session on either side of it before counting a member out', () => {
    expect(membershipLostAfterMs(10_000, 60_000)).toBe(80_000);
    expect(membershipLostAfterMs(6_000, 60_000)).toBe(72_000);
  });

  it('says how long the member heard nothing, in seconds', () => {
    expect(new MembershipLostError(72_400).message).toBe('heard nothing of its group for 72 s: no heartbeat taken and no join');
  });
});
