import type { EntityManager } from 'typeorm';
import type { InboxContext } from './inbox-context';

/**
 * What a handler gathers from the events of one consumer transaction, written together by
 * `write` just before the transaction commits (ADR 0046), or earlier when `flush` is called:
 * before another handler of the transaction reads what the gathered events would change.
 */
export class Gathering<T> {
  private readonly gathered = new WeakMap<EntityManager, T[]>();

  constructor(private readonly write: (tx: EntityManager, items: readonly T[]) => Promise<void>) {}

  add(context: InboxContext, item: T): void {
    const tx = context.tx;
    const items = this.gathered.get(tx) ?? [];
    this.gathered.set(tx, items);
    // Given for every item; the transaction keeps the first and runs it once, after its last event.
    context.beforeCommit(this, () => this.flush(tx));
    items.push(item);
  }

  /** Writes what `tx` gathered so far; items gathered after it are written by the next flush. */
  async flush(tx: EntityManager): Promise<void> {
    const items = this.gathered.get(tx);
    this.gathered.delete(tx);
    if (items && items.length > 0) await this.write(tx, items);
  }
}
