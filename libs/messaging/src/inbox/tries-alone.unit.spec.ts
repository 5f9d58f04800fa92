import { TriesAlone } from './tries-alone';

describe('tries taken alone in one process', () => {
  it('given a try in hand, then the next waits until its turn ends, and a turn ended twice lets only one through', async () => {
    // Given a try in hand and two waiting
    const tries = new TriesAlone();
    const order: string[] = [];
    const first = await tries.take();
    const second = tries.take().then((over) => (order.push('second'), over));
    const third = tries.take().then((over) => (order.push('third'), over));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);

    // When the first ends its turn twice
    first();
    first();
    await new Promise((resolve) => setImmediate(resolve));

    // Then only the second is in hand, and the third follows it
    expect(order).toEqual(['second']);
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });
});
