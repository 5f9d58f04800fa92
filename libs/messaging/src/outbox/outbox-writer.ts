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
    const violations = validateEventData(definition, data);
    if (violations.length > 0) throw new ContractViolationError(definition.type, violations);
    const trace = currentTrace();
    const event = newEvent(definition, {
      source: this.source,
      subject,
      data,
      ...presentProps({ traceparent: trace && formatTraceparent(trace) }),
    });
    const record = toKafkaRecord(definition.topic, event);
    await tx.query(
      `INSERT INTO ${this.table} (event_id, topic, message_key, event_type, headers, payload) VALUES ($1, $2, $3, $4, $5, $6)`,
      [event.id, record.topic, record.key, event.type, JSON.stringify(record.headers), record.value],
    );
    this.committed.appendedIn(tx.queryRunner);
    return event;
  }
}
