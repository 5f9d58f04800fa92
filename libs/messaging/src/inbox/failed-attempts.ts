import { Type } from '@sinclair/typebox';
import { type Queryable, execute, quoteIdentifier, selectRow } from '@cs/persistence';

/** A message a consumer group took, where it was read. */
export interface TakenMessage {
  /** The platform's name of the topic. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string;
}

/** The tries of a message that failed so far, and the last one's error (redacted). */
export interface FailedTries {
  readonly attempts: number;
  readonly lastError: string;
  /** Its dead letter was sent: read again (its offset not yet committed), it is passed by. */
  readonly deadLettered: boolean;
}

const FailedRow = Type.Object({ attempts: Type.Integer(), last_error: Type.String(), dead_lettered: Type.Boolean() });
const CountRow = Type.Object({ attempts: Type.Integer() });

/**
 * A consumer group's failed tries of each message, kept in the consuming service's schema (ADR
 * 0136): a message's attempts add up across every member that takes its partition in turn, so a
 * message that always fails is dead-lettered after the configured attempts in all, however many
 * deploys or restarts come between them. Written only when a try fails, in a statement of its own
 * (the try's transaction rolled back); read only when a message is taken one at a time, which a
 * message that failed always is. A dead-lettered message's row is kept, marked, so that read again
 * before its offset is committed (a rebalance, a crash) it is passed by once taken alone, instead
 * of tried a full set afresh and dead-lettered twice (its chunk, which does not read the count,
 * still tries it once first). A partition is handled in order: the rows of its messages before one that
 * fails, and up to one handled after failing, are done with and removed with them.
 */
export class FailedAttempts {
  private readonly table: string;

  constructor(
    schema: string,
    private readonly consumer: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.consumer_attempts`;
  }

  /** The failed tries of `message` so far; none when it has not failed (or a row at its offset is another message's). */
  async before(db: Queryable, message: TakenMessage): Promise<FailedTries | undefined> {
    const row = await selectRow(
      db,
      FailedRow,
      `SELECT attempts, last_error, dead_lettered FROM ${this.table}
        WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset = $4 AND event_id = $5`,
      [this.consumer, message.topic, message.partition, message.offset, message.eventId],
    );
    return row && { attempts: row.attempts, lastError: row.last_error, deadLettered: row.dead_lettered };
  }

  /**
   * Counts a failed try of `message`; the tries failed in all, this one included. Rows of its
   * partition before it, left by a crash between a message's end and their removal, go with it.
   */
  async failed(db: Queryable, message: TakenMessage, error: string): Promise<number> {
    const row = await selectRow(
      db,
      CountRow,
      `WITH done AS (
         DELETE FROM ${this.table} WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset < $4
       )
       INSERT INTO ${this.table} AS a (consumer, topic, partition, message_offset, event_id, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (consumer, topic, partition, message_offset) DO UPDATE
         SET attempts = CASE WHEN a.event_id = EXCLUDED.event_id THEN a.attempts + 1 ELSE 1 END,
             event_id = EXCLUDED.event_id, last_error = EXCLUDED.last_error, dead_lettered = false, failed_at = now()
       RETURNING attempts`,
      [this.consumer, message.topic, message.partition, message.offset, message.eventId, error],
    );
    if (!row) throw new Error('counting a failed try returned no row');
    return row.attempts;
  }

  /** `message`'s dead letter was sent. */
  async deadLettered(db: Queryable, message: TakenMessage): Promise<void> {
    await execute(db, `UPDATE ${this.table} SET dead_lettered = true WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset = $4 AND event_id = $5`, [
      this.consumer,
      message.topic,
      message.partition,
      message.offset,
      message.eventId,
    ]);
  }

  /** `message` was handled after failing: its partition's rows up to it are done with. */
  async settled(db: Queryable, message: TakenMessage): Promise<void> {
    await execute(db, `DELETE FROM ${this.table} WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset <= $4`, [
      this.consumer,
      message.topic,
      message.partition,
      message.offset,
    ]);
  }
}
