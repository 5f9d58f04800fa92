import type {
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
import type { WritePart } from '@cs/persistence';

/**
 * What a transaction holds until just before it commits: its outbox rows in the order appended,
 * and the writes it asked to go with them (held at the transaction's own level only).
 */
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
 * released, it joins what the transaction holds. Writes are held only outside savepoints: held
 * past a savepoint's release, a constraint they break could no longer be caught by rolling the
 * savepoint back.
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
  private readonly committing = new Set<(queryRunner: QueryRunner) => Promise<void>>();

  constructor(private readonly flush: OutboxFlush<R>) {}

  /**
   * Whether rows appended in `queryRunner`'s transaction can wait for its commit: this signal is
   * subscribed to its data source and saw the transaction start.
   */
  canHold(queryRunner: QueryRunner | undefined): queryRunner is QueryRunner {
    return queryRunner?.isTransactionActive === true && (this.held.get(queryRunner)?.length ?? 0) > 0;
  }

  /** Whether writes made in `queryRunner`'s transaction can wait for its commit: as `canHold`, and not inside a savepoint. */
  canHoldWrites(queryRunner: QueryRunner | undefined): queryRunner is QueryRunner {
    return this.canHold(queryRunner) && this.held.get(queryRunner)?.length === 1;
  }

  /** Keeps rows to write before `queryRunner`'s transaction commits. */
  hold(queryRunner: QueryRunner, rows: readonly R[]): void {
    this.level(queryRunner).rows.push(...rows);
    this.appended.add(queryRunner);
  }

  /** Keeps writes to make in the statement that writes the transaction's rows (with none, on their own); see `canHoldWrites`. */
  holdWrite(queryRunner: QueryRunner, writes: readonly WritePart[]): void {
    if (!this.canHoldWrites(queryRunner)) throw new Error('writes are held only at a transaction’s own level, outside savepoints');
    this.level(queryRunner).writes.push(...writes);
  }

  /** The level appends go to now; holding where none is open would lose what is held, so it throws. */
  private level(queryRunner: QueryRunner): Held<R> {
    const level = this.held.get(queryRunner)?.at(-1);
    if (!level) throw new Error('nothing can be held: the transaction was not seen starting');
    return level;
  }

  /** Called by the writer for the transaction that appended an event. */
  appendedIn(queryRunner: QueryRunner | undefined): void {
    if (queryRunner) this.appended.add(queryRunner);
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `hook` as each transaction is about to commit, at its own level only, after what it held
   * is written: the last statements a transaction sends, which see everything it wrote. A hook
   * that throws rolls the transaction back.
   */
  onCommitting(hook: (queryRunner: QueryRunner) => Promise<void>): () => void {
    this.committing.add(hook);
    return () => this.committing.delete(hook);
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    const levels = this.held.get(event.queryRunner);
    if (levels) levels.push(nothingHeld());
    else this.held.set(event.queryRunner, [nothingHeld()]);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const levels = this.held.get(event.queryRunner);
    // A savepoint about to be released: what it holds joins the enclosing level once it is (below).
    if (!levels || levels.length !== 1) return;
    const held = levels[0]!;
    if (held.rows.length > 0 || held.writes.length > 0) await this.flush(event.queryRunner, held);
    for (const hook of this.committing) await hook(event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) {
      // A savepoint released. Joined only now: had RELEASE failed, TypeORM rolls back to the
      // savepoint, and the level that rollback drops must still be the savepoint's own.
      const levels = this.held.get(event.queryRunner);
      if (levels && levels.length > 1) {
        const released = levels.pop()!;
        levels.at(-1)!.rows.push(...released.rows);
      }
      return;
    }
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
