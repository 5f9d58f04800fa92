import type { EntityManager } from 'typeorm';
import { BeforeCommit, DomainEvent } from '@cs/messaging';
import { Gathering } from './gathering';
import { InboxContext } from './inbox-context';

const contextIn = (tx: EntityManager, end: BeforeCommit): InboxContext =>
  new InboxContext([{} as DomainEvent, { tx, topic: 't', partition: 0, offset: '0', attempt: 1, beforeCommit: end.add }]);

describe('Gathering', () => {
  it('writes a transaction’s items once, together, when the transaction ends; another transaction’s apart', async () => {
    const written: [EntityManager, readonly number[]][] = [];
    const gathering = new Gathering<number>(async (tx, items) => void written.push([tx, items]));
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

  it('writes what was gathered when flushed early, and what came after at the end', async () => {
    const written: (readonly number[])[] = [];
    const gathering = new Gathering<number>(async (_tx, items) => void written.push(items));
    const tx = {} as EntityManager;
    const end = new BeforeCommit();
    gathering.add(contextIn(tx, end), 1);
    await gathering.flush(tx);
    gathering.add(contextIn(tx, end), 2);
    await end.run();
    await gathering.flush(tx);
    expect(written).toEqual([[1], [2]]);
  });
});
