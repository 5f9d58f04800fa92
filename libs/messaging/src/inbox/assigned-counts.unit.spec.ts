import { AssignedCounts, type CountsByOffset, triesOf } from './assigned-counts';

const poisonAt7: CountsByOffset = new Map([['7', { eventId: 'evt-7', attempts: 3, lastError: 'cannot ship', deadLettered: false }]]);

describe('the group\'s counts of the partitions a member was assigned', () => {
  it('given a partition\'s counts read, when its next batch comes, then they are known without a read', async () => {
    const counts = new AssignedCounts();
    await counts.read('orders', 0, async () => poisonAt7);
    expect(counts.known('orders', 0)).toBe(poisonAt7);
    expect(counts.known('orders', 1)).toBeUndefined();
  });

  it('given a rebalance, then every partition\'s counts are read again', async () => {
    const counts = new AssignedCounts();
    await counts.read('orders', 0, async () => poisonAt7);
    counts.forget();
    expect(counts.known('orders', 0)).toBeUndefined();
  });

  it('given a rebalance while a read runs, then what it read serves its batch and is not kept for the next assignment', async () => {
    const counts = new AssignedCounts();
    let answer: (read: CountsByOffset) => void = () => undefined;
    const reading = counts.read('orders', 0, () => new Promise((resolve) => (answer = resolve)));
    counts.forget();
    answer(poisonAt7);
    expect(await reading).toBe(poisonAt7);
    expect(counts.known('orders', 0)).toBeUndefined();
  });

  it('given a partition\'s batch left by an error, then its counts are read again on its next batch, the others\' kept', async () => {
    const counts = new AssignedCounts();
    await counts.read('orders', 0, async () => poisonAt7);
    await counts.read('orders', 1, async () => new Map());
    counts.drop('orders', 0);
    expect(counts.known('orders', 0)).toBeUndefined();
    expect(counts.known('orders', 1)?.size).toBe(0);
  });

  it('given counts that could not be read, then none are used and they are read again on the next batch', async () => {
    const counts = new AssignedCounts();
    expect((await counts.read('orders', 0, async () => undefined)).size).toBe(0);
    expect(counts.known('orders', 0)).toBeUndefined();
  });

  it('a count is a message\'s only when it was counted for its event: an offset of a topic made again may hold another\'s', () => {
    expect(triesOf(poisonAt7, '7', 'evt-7')?.attempts).toBe(3);
    expect(triesOf(poisonAt7, '7', 'evt-other')).toBeUndefined();
    expect(triesOf(poisonAt7, '8', 'evt-8')).toBeUndefined();
  });
});
