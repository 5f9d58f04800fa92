import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/**
 * Tells the outbox relay that a transaction which appended events has committed, so it publishes
 * them now instead of at its next poll: the poll interval would otherwise be most of the time an
 * event takes from one service to the next. The relay still polls, so a missed signal (another
 * replica's commit, a crash) only costs one interval.
 */
export class OutboxCommitSignal implements EntitySubscriberInterface {
  private readonly appended = new WeakSet<QueryRunner>();
  private readonly listeners = new Set<() => void>();

  /** Called by the writer for the transaction that appended an event. */
  appendedIn(queryRunner: QueryRunner | undefined): void {
    if (queryRunner) this.appended.add(queryRunner);
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.appended.delete(event.queryRunner)) return;
    for (const listener of this.listeners) listener();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.appended.delete(event.queryRunner);
  }
}
