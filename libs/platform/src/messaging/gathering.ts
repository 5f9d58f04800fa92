import type { EntityManager } from 'typeorm';
import type { HeldEvents } from './customer-fates';
import type { InboxContext } from './inbox-context';

/** What one transaction gathered, the topics its events were read from, and what else it holds. */
interface Gathered<T> {
  readonly items: T[];
  readonly topics: Set<string>;
  readonly held: HeldEvents;
}

/**
 * What a handler gathers from the events of one consumer transaction, written together by
 * `write` (ADR 0046). The consumer writes it just before the transaction commits, and (unless
 * built with `readBeforeCommit: false`) first before the transaction's next event of a type not in
 * `of` read from a topic it gathered from: that handler may read what the gathered events change,
 * and a topic's events take effect in the order they were read (ADR 0062). The handlers of the
 * types in `of` are the gathering's own and must not read what it writes: they get no write
 * before them.
 */
export class Gathering<T> {
  private readonly gathered = new WeakMap<EntityManager, Gathered<T>>();
  private readonly of: ReadonlySet<string>;
  private readonly readBeforeCommit: boolean;

  /**
   * `of`: the event types whose handlers add to it. `readBeforeCommit: false` when no handler
   * reads what it writes before the transaction commits (rows the API and a later fold read once
   * committed): then it is written only just before the commit. `write` is told the types of
   * every event the transaction holds (`InboxContext.holds`), gathered or not.
   */
  constructor(
    of: readonly string[],
    private readonly write: (tx: EntityManager, items: readonly T[], held: HeldEvents) => Promise<void>,
    { readBeforeCommit = true }: { readonly readBeforeCommit?: boolean } = {},
  ) {
    this.of = new Set(of);
    this.readBeforeCommit = readBeforeCommit;
  }

  add(context: InboxContext, item: T): void {
    // Gathered from another type, an item could be written after an event that should have seen it.
    if (!this.of.has(context.event.type)) throw new Error(`a gathering of ${[...this.of].join(', ')} was given a ${context.event.type}`);
    const tx = context.tx;
    let gathered = this.gathered.get(tx);
    if (!gathered) {
      const fresh: Gathered<T> = { items: [], topics: new Set(), held: context };
      this.gathered.set(tx, fresh);
      // Given once per batch: the transaction drops a batch's work as it runs it, and the flush
      // drops the batch, so the next item starts another and gives its work again.
      const precedes = (type: string, topic: string) => !this.of.has(type) && fresh.topics.has(topic);
      context.beforeCommit(this, () => this.flush(tx), this.readBeforeCommit ? precedes : undefined);
      gathered = fresh;
    }
    gathered.items.push(item);
    gathered.topics.add(context.topic);
  }

  /** Writes what `tx` gathered so far; items gathered after it are written by the next flush. */
  private async flush(tx: EntityManager): Promise<void> {
    const gathered = this.gathered.get(tx);
    this.gathered.delete(tx);
    if (gathered && gathered.items.length > 0) await this.write(tx, gathered.items, gathered.held);
  }
}
