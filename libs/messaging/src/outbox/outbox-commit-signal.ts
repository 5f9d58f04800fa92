import type {
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
import type { WritePart } from '@cs/persistence';

/** What a transaction holds until just before it commits: its outbox rows in the order appended, and the writes it asked to go with them. */
export interface Held<R> {
  readonly rows: R[];
  readonly writes: WritePart[];
}

/** Writes what a transaction held, in one statement. */
export type OutboxFlush<R> = (queryRunner: QueryRunner, held: Held<R>) => Promise<void>;

const nothingHeld = <R>(): Held<R> => ({ rows: [], writes: [] });

/**
 * Holds the events a transaction appends until just before it commits, then writes them all
 * with one statement: a use case that announces two events (a customer registered, a contact
 * received) or a consumer transaction whose handlers each announce one costs one outbox insert,
 * not one per append. A use case may hold its own closing writes the same way (`holdWrite`): they
 * go in that statement too. What a savepoint appends is held apart: rolled back, it is dropped;
 * released, it joins what the transaction holds.
 *
 * After the commit it tells the outbox relay, so it publishes the events now instead of at its
 * next poll: the poll interval would otherwise be most of the time an event takes from one
 * service to the next. The relay still polls, so a missed signal (another replica's commit, a
 * crash) only costs one interval.
 */
export class OutboxCommitSignal<R> implements EntitySubscriberInterface {
  private readonly appended = new WeakSet<QueryRunner>();
  /** Per open transaction, what is held at each level: the transaction's, then each savepoint's. */
  private readonly held = new WeakMap<QueryRunner, Held<R>[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly flush: OutboxFlush<R>) {}

  /**
   * Whether rows appended in `queryRunner`'s transaction can wait for its commit: this signal is
   * subscribed to its data source and saw the transaction start.
   */
  canHold(queryRunner: QueryRunner | undefined): queryRunner is QueryRunner {
    return queryRunner?.isTransactionActive === true && this.held.has(queryRunner);
  }

  /** Keeps rows to write before `queryRunner`'s transaction commits. */
  hold(queryRunner: QueryRunner, rows: readonly R[]): void {
    this.held.get(queryRunner)?.at(-1)?.rows.push(...rows);
    this.appended.add(queryRunner);
  }

  /** Keeps writes to make in the statement that writes the transaction's rows (with none, on their own). */
  holdWrite(queryRunner: QueryRunner, writes: readonly WritePart[]): void {
    this.held.get(queryRunner)?.at(-1)?.writes.push(...writes);
  }

  /** Called by the writer for the transaction that appended an event. */
  appendedIn(queryRunner: QueryRunner | undefined): void {
    if (queryRunner) this.appended.add(queryRunner);
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    const levels = this.held.get(event.queryRunner);
    if (levels) levels.push(nothingHeld());
    else this.held.set(event.queryRunner, [nothingHeld()]);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const levels = this.held.get(event.queryRunner);
    if (!levels) return;
    if (levels.length > 1) {
      // A savepoint released: what it held is the enclosing level's now.
      const released = levels.pop() ?? nothingHeld();
      levels.at(-1)?.rows.push(...released.rows);
      levels.at(-1)?.writes.push(...released.writes);
      return;
    }
    const held = levels[0] ?? nothingHeld();
    if (held.rows.length > 0 || held.writes.length > 0) await this.flush(event.queryRunner, held);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    this.held.delete(event.queryRunner);
    if (!this.appended.delete(event.queryRunner)) return;
    for (const listener of this.listeners) listener();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) {
      this.held.get(event.queryRunner)?.pop();
      return;
    }
    this.held.delete(event.queryRunner);
    this.appended.delete(event.queryRunner);
  }
}
