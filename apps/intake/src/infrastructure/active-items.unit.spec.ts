import { ActiveItems, ActiveItemsOptions } from './active-items';

/** A copy of the catalogue as a map the test changes, counting every read of it. */
function catalogueCopy(active: Record<string, boolean>) {
  const reads: string[] = [];
  const lookup = async (tx: string, code: string): Promise<boolean> => {
    reads.push(`${tx}:${code}`);
    return active[code] === true;
  };
  return { active, reads, lookup };
}

function steppedClock() {
  let ms = 1;
  return { now: () => ms, step: (seconds: number) => (ms += seconds * 1000) };
}

const options = (clock: { now(): number }, more: Partial<ActiveItemsOptions> = {}): ActiveItemsOptions => ({ maxItems: 100, maxAgeSeconds: 10, clock, ...more });

describe('the catalogue items a contact may name, held lately', () => {
  it('given an item found active, when named again within the age, then it is not read again', async () => {
    const copy = catalogueCopy({ 'repair.public_area': true });
    const items = new ActiveItems(copy.lookup, options(steppedClock()));
    expect(await items.isActive('tx1', 'repair.public_area')).toBe(true);
    expect(await items.isActive('tx2', 'repair.public_area')).toBe(true);
    expect(copy.reads).toEqual(['tx1:repair.public_area']);
  });

  it('given an item withdrawn from the copy, when the age has passed, then it is read again and refused', async () => {
    const clock = steppedClock();
    const copy = catalogueCopy({ 'repair.public_area': true });
    const items = new ActiveItems(copy.lookup, options(clock));
    await items.isActive('tx1', 'repair.public_area');
    copy.active['repair.public_area'] = false;
    clock.step(9.9);
    expect(await items.isActive('tx2', 'repair.public_area')).toBe(true);
    clock.step(0.2);
    expect(await items.isActive('tx3', 'repair.public_area')).toBe(false);
    expect(copy.reads).toEqual(['tx1:repair.public_area', 'tx3:repair.public_area']);
  });

  it('given an item not active, when named again, then it is read every time: an item the catalogue adds is accepted at once', async () => {
    const copy = catalogueCopy({});
    const items = new ActiveItems(copy.lookup, options(steppedClock()));
    expect(await items.isActive('tx1', 'suggestion.new')).toBe(false);
    copy.active['suggestion.new'] = true;
    expect(await items.isActive('tx2', 'suggestion.new')).toBe(true);
    expect(copy.reads).toEqual(['tx1:suggestion.new', 'tx2:suggestion.new']);
  });

  it('given more active items named than it holds, when the first is named again, then it is read again: the least recently used made room', async () => {
    const copy = catalogueCopy({ a: true, b: true, c: true });
    const items = new ActiveItems(copy.lookup, options(steppedClock(), { maxItems: 2 }));
    for (const code of ['a', 'b', 'c', 'c', 'b', 'a']) await items.isActive('tx', code);
    expect(copy.reads).toEqual(['tx:a', 'tx:b', 'tx:c', 'tx:a']);
  });

  it('given a read that fails, when the item is named again, then it is read again: nothing was held', async () => {
    let fail = true;
    const reads: string[] = [];
    const items = new ActiveItems(async (_tx: string, code: string) => {
      reads.push(code);
      if (fail) throw new Error('connection terminated');
      return true;
    }, options(steppedClock()));
    await expect(items.isActive('tx', 'a')).rejects.toThrow('connection terminated');
    fail = false;
    expect(await items.isActive('tx', 'a')).toBe(true);
    expect(reads).toEqual(['a', 'a']);
  });

  it('given the service’s own clock, when an item’s age has passed, then it is read again at once: the age is read at each use, not from a reading kept for a while', async () => {
    const copy = catalogueCopy({ a: true });
    const items = new ActiveItems(copy.lookup, { maxItems: 10, maxAgeSeconds: 0.05 });
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await items.isActive('tx1', 'a');
    await wait(30);
    // A use within the age: a resolution of 250 ms would keep this moment's reading past the age.
    await items.isActive('tx2', 'a');
    await wait(70);
    await items.isActive('tx3', 'a');
    expect(copy.reads.at(-1)).toBe('tx3:a');
  });
});
