import { TurnGathering } from './turn-gathering';

describe('work handed over in one turn of the event loop, done together', () => {
  it('parts submitted in the same turn are done in one piece of work, each given its own result in order', async () => {
    const calls: string[][] = [];
    const gathering = new TurnGathering<string, string>(async (parts) => {
      calls.push([...parts]);
      return parts.map((p) => p.toUpperCase());
    });
    const outcomes = await Promise.all(['a', 'b', 'c'].map((p) => gathering.submit(p)));
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(outcomes).toEqual([
      { ok: true, result: 'A', together: 3 },
      { ok: true, result: 'B', together: 3 },
      { ok: true, result: 'C', together: 3 },
    ]);
  });

  it('a part submitted from a promise job of the same turn joins; one submitted in a later turn is done apart', async () => {
    const calls: number[][] = [];
    const gathering = new TurnGathering<number, number>(async (parts) => {
      calls.push([...parts]);
      return [...parts];
    });
    const first = gathering.submit(1);
    const second = Promise.resolve().then(() => gathering.submit(2));
    await Promise.all([first, second]);
    await gathering.submit(3);
    expect(calls).toEqual([[1, 2], [3]]);
  });

  it('a part submitted while the work of an earlier turn is still running is done in work of its own', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const gathering = new TurnGathering<number, number>(async (parts) => {
      calls.push([...parts]);
      if (parts.includes(1)) await held;
      return [...parts];
    });
    const first = gathering.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = await gathering.submit(2);
    expect(second).toEqual({ ok: true, result: 2, together: 1 });
    release();
    expect(await first).toEqual({ ok: true, result: 1, together: 1 });
    expect(calls).toEqual([[1], [2]]);
  });

  it('a failure of the work is every part’s, with how many parts it held', async () => {
    const boom = new Error('one of them');
    const gathering = new TurnGathering<number, number>(async () => {
      throw boom;
    });
    const outcomes = await Promise.all([gathering.submit(1), gathering.submit(2)]);
    expect(outcomes).toEqual([
      { ok: false, error: boom, together: 2 },
      { ok: false, error: boom, together: 2 },
    ]);
  });
});
