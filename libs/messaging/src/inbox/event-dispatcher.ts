import type { EntityManager } from 'typeorm';
import type { EventDefinition } from '@cs/contracts';
import type { DomainEvent } from '../envelope';
import type { TellOnCommit } from '../told-on-commit';

/** Where an event was read, and the transaction its inbox row is written in. */
export interface Delivery {
  readonly tx: EntityManager;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on the first try; retries after a failure count up from there. */
  readonly attempt: number;
  /**
   * Runs `work` in `tx` after the transaction's last event was dispatched, before it commits (the
   * first `work` given under `key`; later ones under the same key are dropped until it has run):
   * a handler gathers what a chunk of events does and writes it all at once. Its failure fails the
   * transaction as the handler's own would. Given `writtenBefore`, it runs instead before the
   * transaction's next event for which that says so, and a later `beforeCommit` under `key` gives
   * it again.
   */
  readonly beforeCommit: (key: object, work: () => Promise<void>, writtenBefore?: WrittenBefore) => void;
  /**
   * The types of every event the transaction holds, before and after this one: a handler whose
   * lock a later event's handler takes more strongly takes it that strongly from the start, since
   * two transactions each holding it weakly and then waiting to hold it alone deadlock.
   */
  readonly types: ReadonlySet<string>;
  /**
   * What the handler tells (a log line) once `tx` committed; dropped when it is rolled back. A
   * chunk that fails is handled again one event at a time and a failed event is retried, so told
   * at once it would be told again for each try, and for work that was undone.
   */
  readonly afterCommit: TellOnCommit;
}

/**
 * Whether what was gathered so far must be written before the transaction's next event, of `type`
 * and read from `topic`, is handled: its handler may read what the gathered events did.
 */
export type WrittenBefore = (type: string, topic: string) => boolean;

interface Pending {
  readonly work: () => Promise<void>;
  readonly writtenBefore?: WrittenBefore;
}

/** The work handlers left for the end of one transaction ({@link Delivery.beforeCommit}). */
export class BeforeCommit {
  private readonly pending = new Map<object, Pending>();

  readonly add = (key: object, work: () => Promise<void>, writtenBefore?: WrittenBefore): void => {
    if (!this.pending.has(key)) this.pending.set(key, writtenBefore ? { work, writtenBefore } : { work });
  };

  /** Before an event is handled: the work that must precede it runs now, in the order it was given. */
  async before(type: string, topic: string): Promise<void> {
    for (const [key, { work, writtenBefore }] of this.pending) {
      if (!writtenBefore?.(type, topic)) continue;
      this.pending.delete(key);
      await work();
    }
  }

  /** Runs the work in the order it was given; work given meanwhile runs too, under a key that already ran as well. */
  async run(): Promise<void> {
    for (const [key, { work }] of this.pending) {
      this.pending.delete(key);
      await work();
    }
  }
}

/**
 * What a consumer group handles. The consumer keeps the delivery guarantees (inbox, retries,
 * dead letters, schema checks); a dispatcher only names the types it takes and applies one.
 */
export interface EventDispatcher {
  /** The topics of the handled types: exactly what the consumer subscribes to. */
  topics(): readonly string[];
  /** The contract a handled type is checked against; undefined for a type the group skips. */
  contract(type: string): EventDefinition | undefined;
  /** Applies one event; its effects commit with the inbox row in `delivery.tx`, or not at all. */
  dispatch(event: DomainEvent, delivery: Delivery): Promise<void>;
}
