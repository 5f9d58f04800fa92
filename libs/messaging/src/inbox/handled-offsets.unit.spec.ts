import { HandledOffsets } from './event-consumer';

describe('offsets handled and not yet committed', () => {
  it('keep the offset after the last handled event of each partition, and are taken once', () => {
    const offsets = new HandledOffsets();
    offsets.handled('orders', 0, '7');
    offsets.handled('orders', 0, '9');
    offsets.handled('orders', 1, '3');
    offsets.handled('refunds', 0, '41');
    const due = offsets.take();
    expect(due.offsets).toEqual([
      { topic: 'orders', partition: 0, offset: '10' },
      { topic: 'orders', partition: 1, offset: '4' },
      { topic: 'refunds', partition: 0, offset: '42' },
    ]);
    expect(offsets.take().offsets).toEqual([]);
  });

  it('a commit that failed is due again, unless a later event of the partition was handled meanwhile', () => {
    const offsets = new HandledOffsets();
    offsets.handled('orders', 0, '9');
    offsets.handled('orders', 1, '3');
    const failed = offsets.take();
    offsets.handled('orders', 0, '12');
    offsets.restore(failed);
    expect(offsets.take().offsets).toEqual([
      { topic: 'orders', partition: 0, offset: '13' },
      { topic: 'orders', partition: 1, offset: '4' },
    ]);
  });

  it('after a rebalance nothing handled before it is committed, not even a failed commit put back', () => {
    const offsets = new HandledOffsets();
    offsets.handled('orders', 0, '9');
    const failed = offsets.take();
    offsets.handled('orders', 1, '3');
    offsets.forget();
    offsets.restore(failed);
    expect(offsets.take().offsets).toEqual([]);
    offsets.handled('orders', 0, '20');
    expect(offsets.take().offsets).toEqual([{ topic: 'orders', partition: 0, offset: '21' }]);
  });

  it('offsets past 2^53 stay exact', () => {
    const offsets = new HandledOffsets();
    offsets.handled('orders', 0, '9007199254740993');
    expect(offsets.take().offsets[0]!.offset).toBe('9007199254740994');
  });
});
