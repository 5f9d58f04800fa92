import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { Delivery, DomainEvent, TellOnCommit, WrittenBefore } from '@cs/messaging';

/**
 * What an `@EventPattern` handler gets with `@Ctx()`: the transaction its effects must be written
 * in (the inbox row commits in it too, so a redelivered event changes nothing), and where the
 * event was read.
 */
export class InboxContext extends BaseRpcContext<[DomainEvent, Delivery]> {
  get event(): DomainEvent {
    return this.args[0];
  }

  get tx(): EntityManager {
    return this.args[1].tx;
  }

  get topic(): string {
    return this.args[1].topic;
  }

  get partition(): number {
    return this.args[1].partition;
  }

  get offset(): string {
    return this.args[1].offset;
  }

  /** Work to run once in {@link tx} after the transaction's last event, before it commits (see `Delivery.beforeCommit`). */
  beforeCommit(key: object, work: () => Promise<void>, writtenBefore?: WrittenBefore): void {
    this.args[1].beforeCommit(key, work, writtenBefore);
  }

  /** What the handler tells (a log line) once {@link tx} committed, never for a try rolled back (see `Delivery.afterCommit`). */
  get tellOnCommit(): TellOnCommit {
    return this.args[1].afterCommit;
  }

  /** Whether the transaction holds an event of `type`, before or after this one (see `Delivery.types`). */
  holds(type: string): boolean {
    return this.args[1].types.has(type);
  }

  /** 1 on the first try. */
  get attempt(): number {
    return this.args[1].attempt;
  }
}
