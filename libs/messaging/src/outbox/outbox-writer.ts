import type { EntityManager } from 'typeorm';
import { EventDefinition, EventData, validateEventData } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import { currentTrace, formatTraceparent } from '@cs/observability';
import { quoteIdentifier } from '@cs/persistence';
import { DomainEvent, newEvent, toKafkaRecord } from '../envelope';
import { OutboxCommitSignal } from './outbox-commit-signal';

export class ContractViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly violations: readonly { path: string; message: string }[],
  ) {
    super(`${eventType} breaks its contract: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

/** One event to append: its contract, the aggregate it is about (the message key) and its data. */
export interface OutboxEntry<D extends EventDefinition = EventDefinition> {
  readonly definition: D;
  readonly subject: string;
  readonly data: EventData<D>;
}

/**
 * Appends events to the outbox inside the caller's transaction, so an event exists exactly
 * when the state change that caused it was committed. Data is checked against its schema
 * here: a contract violation aborts the transaction instead of reaching subscribers.
 */
export class OutboxWriter {
  private readonly table: string;

  /** Subscribed to the data source (see `OutboxCommitSignal`): a commit with events wakes the relay. */
  readonly committed = new OutboxCommitSignal();

  constructor(
    schema: string,
    private readonly source: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.outbox`;
  }

  async append<D extends EventDefinition>(
    tx: EntityManager,
    definition: D,
    subject: string,
    data: EventData<D>,
  ): Promise<DomainEvent<EventData<D>>> {
    const [event] = await this.appendAll(tx, [{ definition, subject, data }]);
    return event as DomainEvent<EventData<D>>;
  }

  /**
   * Appends many events in one statement, in the order given (the outbox's `seq` follows it, so
   * each key's events are published in that order). A burst of timers firing on hundreds of
   * tickets costs one round trip instead of one per event.
   */
  async appendAll(tx: EntityManager, entries: readonly OutboxEntry[]): Promise<DomainEvent[]> {
    if (entries.length === 0) return [];
    const trace = currentTrace();
    const traceparent = trace && formatTraceparent(trace);
    const events = entries.map(({ definition, subject, data }) => {
      const violations = validateEventData(definition, data);
      if (violations.length > 0) throw new ContractViolationError(definition.type, violations);
      const event = newEvent(definition, { source: this.source, subject, data, ...presentProps({ traceparent }) });
      return { event, record: toKafkaRecord(definition.topic, event) };
    });
    await tx.query(
      `INSERT INTO ${this.table} (event_id, topic, message_key, event_type, headers, payload)
       SELECT e.event_id, e.topic, e.message_key, e.event_type, e.headers, e.payload
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[])
              WITH ORDINALITY AS e (event_id, topic, message_key, event_type, headers, payload, position)
        ORDER BY e.position`,
      [
        events.map((e) => e.event.id),
        events.map((e) => e.record.topic),
        events.map((e) => e.record.key),
        events.map((e) => e.event.type),
        events.map((e) => JSON.stringify(e.record.headers)),
        events.map((e) => e.record.value),
      ],
    );
    this.committed.appendedIn(tx.queryRunner);
    return events.map((e) => e.event);
  }
}
