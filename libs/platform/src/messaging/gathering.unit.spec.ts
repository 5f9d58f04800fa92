import type { EntityManager } from 'typeorm';
import { BeforeCommit, DomainEvent, tellNow } from '@cs/messaging';
import { Gathering } from './gathering';
import { InboxContext } from './inbox-context';

const contextIn = (tx: EntityManager, end: BeforeCommit, type = 'thing.added.v1', topic = 'things'): InboxContext =>
  new InboxContext([{ type } as DomainEvent, { tx, topic, partition: 0, offset: '0', attempt: 1, beforeCommit: end.add, types: new Set([type]), afterCommit: tellNow }]);

describe('Gathering', () => {
  it('writes a transaction’s items once, together, when the transaction ends; another transaction’s apart', async () => {
    const written: [EntityManager, readonly number[]][] = [];
    const gathering = new Gathering<number>(['thing.added.v1'], async (tx, items) => void written.push([tx, items]));
    const [one, two] = [{} as EntityManager, {} as EntityManager];
    const [endOne, endTwo] = [new BeforeCommit(), new BeforeCommit()];
    for (const n of [1, 2, 3]) gathering.add(contextIn(one, endOne), n);
    gathering.add(contextIn(two, endTwo), 9);
    await endOne.run();
    await endTwo.run();
    expect(written).toEqual([
      [one, [1, 2, 3]],
      [two, [9]],
    ]);
  });

  it('writes what was gathered before an event of a type it does not gather from a topic it gathered from, and what came after at the end', async () => {
    const written: (readonly number[])[] = [];
    const gathering = new Gathering<number>(['thing.added.v1', 'thing.renamed.v1'], async (_tx, items) => void written.push(items));
    const tx = {} as EntityManager;
    const end = new BeforeCommit();
    gathering.add(contextIn(tx, end), 1);
    await end.before('thing.renamed.v1', 'things');
    gathering.add(contextIn(tx, end, 'thing.renamed.v1'), 2);
    // Another topic's events come in no order with these (only a partition's are ordered): they need not see them.
    await end.before('place.removed.v1', 'places');
    expect(written).toEqual([]);
    await end.before('thing.removed.v1', 'things');
    expect(written).toEqual([[1, 2]]);
    await end.before('thing.removed.v1', 'things');
    gathering.add(contextIn(tx, end, 'thing.added.v1', 'more-things'), 3);
    await end.before('thing.removed.v1', 'things');
    expect(written).toEqual([[1, 2]]);
    await end.before('thing.removed.v1', 'more-things');
    gathering.add(contextIn(tx, end), 4);
    await end.run();
    expect(written).toEqual([[1, 2], [3], [4]]);
  });

  it('read by no handler before the commit, it is written only then, whatever comes before', async () => {
    const written: (readonly number[])[] = [];
    const gathering = new Gathering<number>(['thing.added.v1'], async (_tx, items) => void written.push(items), { readBeforeCommit: false });
    const tx = {} as EntityManager;
    const end = new BeforeCommit();
    gathering.add(contextIn(tx, end), 1);
    await end.before('thing.removed.v1', 'things');
    gathering.add(contextIn(tx, end), 2);
    expect(written).toEqual([]);
    await end.run();
    expect(written).toEqual([[1, 2]]);
  });

  it('refuses an item from an event of a type it does not name: that item could be written after an event that should see it', () => {
    const gathering = new Gathering<number>(['thing.added.v1'], async () => undefined);
    expect(() => gathering.add(contextIn({} as EntityManager, new BeforeCommit(), 'thing.removed.v1'), 1)).toThrow(
      'a gathering of thing.added.v1 was given a thing.removed.v1',
    );
  });
});
