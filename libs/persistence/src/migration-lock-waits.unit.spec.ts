import { LockWaitAllowance } from './migration-lock-waits';

const waits = { timeoutMs: 2_000, attempts: 6, retryAfterMs: 1_000, budgetMs: 10_000 };
const at = (ms: number) => 1_000_000 + ms;

describe('what a migration run may still wait for locks', () => {
  it('given time left, then a transaction waits the timeout; near the end of the budget, what is left; past it, 1 ms, never 0 (no limit)', () => {
    const allowance = new LockWaitAllowance(waits, at(0));
    expect(allowance.forTransaction(at(0))).toBe(2_000);
    expect(allowance.forTransaction(at(9_000))).toBe(1_000);
    expect(allowance.forTransaction(at(12_000))).toBe(1);
  });

  it('given a transaction begun with the timeout, then a statement of it is given a shorter wait only once the budget leaves less, and not again for the same', () => {
    const allowance = new LockWaitAllowance(waits, at(0));
    allowance.forTransaction(at(7_000));
    expect(allowance.shorterForStatement(at(7_500))).toBeUndefined();
    expect(allowance.shorterForStatement(at(8_500))).toBe(1_500);
    expect(allowance.shorterForStatement(at(8_500))).toBeUndefined();
    expect(allowance.lastWaitMs).toBe(1_500);
  });

  it('given a lock given up, then the run stops on its budget when the pause before the next attempt leaves no time, else on its last attempt', () => {
    const allowance = new LockWaitAllowance(waits, at(0));
    expect(allowance.spentAfter(1, 1_000, at(2_000))).toBeUndefined();
    expect(allowance.spentAfter(2, 2_000, at(8_000))).toBe('budget');
    expect(allowance.spentAfter(6, 1_000, at(3_000))).toBe('attempts');
  });

  it('given time spent outside a transaction (an online step), then it is not counted: the budget ends that much later', () => {
    const allowance = new LockWaitAllowance(waits, at(0));
    allowance.exclude(9_500);
    expect(allowance.forTransaction(at(12_000))).toBe(2_000);
    expect(allowance.spentAfter(1, 1_000, at(12_000))).toBeUndefined();
  });
});
