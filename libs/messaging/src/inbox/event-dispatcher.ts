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
