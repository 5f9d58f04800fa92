import type { EntityManager } from 'typeorm';
import { EventDefinition, EventData, validateEventData } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import { currentTrace, formatTraceparent } from '@cs/observability';
import { type WritePart, quoteIdentifier, sendAhead, writeTogether } from '@cs/persistence';
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

/** An event and the Kafka record it is published as. */
interface OutboxRow {
  readonly event: DomainEvent;
  readonly record: ReturnType<typeof toKafkaRecord>;
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

  /**
   * Subscribed to the data source (see `OutboxCommitSignal`): a transaction's events are written
   * together just before it commits, sent ahead of the commit (ADR 0189), and the commit wakes the
   * relay.
   */
  readonly committed = new OutboxCommitSignal<OutboxRow>((queryRunner, held) => this.write(queryRunner.manager, held, sendAhead));

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
      return newEvent(definition, { source: this.source, subject, data, ...presentProps({ traceparent }) });
    });
    const rows = events.map((event, i) => ({ event, record: toKafkaRecord(entries[i]!.definition.topic, event) }));
    // Inside a transaction the rows wait for its commit, to be written with the rest it appends.
    if (this.committed.canHold(tx.queryRunner)) this.committed.hold(tx.queryRunner, rows);
    else {
      await this.write(tx, { rows, writes: [] });
      this.committed.appendedIn(tx.queryRunner);
    }
    return events;
  }

  /**
   * Makes `writes` in the statement that writes the transaction's events, just before it commits:
   * a use case's closing writes then cost no round trip of their own. They are for rows nothing in
   * the transaction reads or changes after them: they run after every statement it sends meanwhile
   * (an UPDATE of a held row finds nothing), and see the tables as that statement begins (see
   * `writeTogether` for what parts of one statement see of each other). Their errors (a broken
   * constraint) surface from the commit, which the transaction then rolls back. Inside a savepoint,
   * or outside a transaction the outbox holds for, they are made at once.
   */
  async writeAtCommit(tx: EntityManager, writes: readonly WritePart[]): Promise<void> {
    if (this.committed.canHoldWrites(tx.queryRunner)) this.committed.holdWrite(tx.queryRunner, writes);
    else await writeTogether(tx, writes);
  }

  private async write(
    tx: EntityManager,
    { rows, writes }: { readonly rows: readonly OutboxRow[]; readonly writes: readonly WritePart[] },
    send?: (tx: EntityManager, sql: string, parameters: unknown[]) => Promise<void>,
  ): Promise<void> {
    const outbox: WritePart = (bind) =>
      `INSERT INTO ${this.table} (event_id, topic, message_key, event_type, headers, payload)
       SELECT e.event_id, e.topic, e.message_key, e.event_type, e.headers, e.payload
         FROM unnest(${bind(rows.map((e) => e.event.id))}::uuid[], ${bind(rows.map((e) => e.record.topic))}::text[], ${bind(rows.map((e) => e.record.key))}::text[],
                     ${bind(rows.map((e) => e.event.type))}::text[], ${bind(rows.map((e) => JSON.stringify(e.record.headers)))}::jsonb[], ${bind(rows.map((e) => e.record.value))}::text[])
              WITH ORDINALITY AS e (event_id, topic, message_key, event_type, headers, payload, position)
        ORDER BY e.position`;
    await writeTogether(tx, rows.length > 0 ? [...writes, outbox] : writes, send);
  }
}
