import { TriesAlone } from './tries-alone';

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('tries taken alone in one process', () => {
  it('given a try in hand, then the next waits until its turn ends, and a turn ended twice lets only one through', async () => {
    // Given a try in hand and two waiting
    const tries = new TriesAlone();
    const order: string[] = [];
    const first = (await tries.take())!;
    const second = tries.take().then((over) => (order.push('second'), over!));
    const third = tries.take().then((over) => (order.push('third'), over!));
    await settled();
    expect(order).toEqual([]);

    // When the first ends its turn twice
    first();
    first();
    await settled();

    // Then only the second is in hand, and the third follows it
    expect(order).toEqual(['second']);
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });

  it('given a try waiting behind one in hand, when its consumer stops, then it is given no turn at once, and the try behind it is given one when the first ends', async () => {
    // Given a try in hand, one waiting for a consumer that stops, and a third behind it
    const tries = new TriesAlone();
    const stopping = new AbortController();
    const first = (await tries.take())!;
    let waiting: string | undefined;
    const second = tries.take(stopping.signal).then((turn) => (waiting = turn ? 'given' : 'not given'));
    let third: string | undefined;
    void tries.take().then((turn) => {
      third = 'given';
      turn?.();
    });
    await settled();
    expect(waiting).toBeUndefined();

    // When the waiting try's consumer stops
    stopping.abort();
    await second;

    // Then it is not given a turn, while the first is still in hand
    expect(waiting).toBe('not given');
    await settled();
    expect(third).toBeUndefined();

    // And when the first ends, the third is given its turn though the second never ended one
    first();
    await settled();
    expect(third).toBe('given');
  });

  it('given a consumer already stopping, then its try is not given a turn, and takes no place in the queue', async () => {
    const tries = new TriesAlone();
    const stopped = new AbortController();
    stopped.abort();

    expect(await tries.take(stopped.signal)).toBeUndefined();
    expect(await tries.take()).toBeInstanceOf(Function);
  });
});
