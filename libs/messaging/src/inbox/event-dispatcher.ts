import type { EntityManager } from 'typeorm';
import type { EventDefinition } from '@cs/contracts';
import type { DomainEvent } from '../envelope';

/** Where an event was read, and the transaction its inbox row is written in. */
export interface Delivery {
  readonly tx: EntityManager;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on the first try; retries after a failure count up from there. */
  readonly attempt: number;
  /**
   * Runs `work` once in `tx` after the transaction's last event was dispatched, before it commits
   * (the first `work` given under `key` in a transaction; later ones under the same key are
   * dropped): a handler gathers what a chunk of events does and writes it all at once. Its
   * failure fails the transaction as the handler's own would.
   */
  readonly beforeCommit: (key: object, work: () => Promise<void>) => void;
}

/** The work handlers left for the end of one transaction ({@link Delivery.beforeCommit}). */
export class BeforeCommit {
  private readonly work = new Map<object, () => Promise<void>>();

  readonly add = (key: object, work: () => Promise<void>): void => {
    if (!this.work.has(key)) this.work.set(key, work);
  };

  /** Runs the work in the order it was first given; work given meanwhile runs too. */
  async run(): Promise<void> {
    for (const work of this.work.values()) await work();
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
