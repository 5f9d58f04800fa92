import { Type } from '@sinclair/typebox';
import { type Queryable, execute, quoteIdentifier, selectRow, selectRows } from '@cs/persistence';
import type { PartitionStart } from './partition-start';

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

/** A message's failed tries as its partition's rows hold them, with the event they were counted for. */
export interface FailedTriesAt extends FailedTries {
  readonly eventId: string;
}

const FailedRow = Type.Object({ attempts: Type.Integer(), last_error: Type.String(), dead_lettered: Type.Boolean() });
const FailedAtRow = Type.Object({ message_offset: Type.String(), event_id: Type.String(), attempts: Type.Integer(), last_error: Type.String(), dead_lettered: Type.Boolean() });
const CountRow = Type.Object({ attempts: Type.Integer() });
const StartRow = Type.Object({ message_offset: Type.String(), event_id: Type.Union([Type.String(), Type.Null()]), started_by: Type.String(), handled: Type.Boolean() });

/** The error a try the process ended in is counted with, as a dead letter's header then says it. */
export const ENDED_THE_PROCESS = 'the process handling it ended during the try (out of memory, killed, a native crash)';

/** Where a partition is read from, as a member begins it. */
export interface PartitionOffset {
  /** The platform's name of the topic. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * How long a dead letter's mark outlives the rows removed with a later message of its partition
 * (ADR 0154): it is needed until the message's offset is committed, within the commit interval
 * (500 ms) unless the broker refuses commits that long. A partition keeps the marks of its dead
 * letters of the last ten minutes, each of which took its attempts' back-offs.
 */
export const DEAD_LETTER_MARK_KEPT_S = 600;

/**
 * The expired marks a failed try or a settled message removes at most: a partition's flood of
 * marks expiring together (its member stopped longer than they are kept) goes over its next
 * statements instead of in one, each of which adds one row at most.
 */
export const EXPIRED_MARKS_AT_ONCE = 100;

/**
 * A consumer group's failed tries of each message, kept in the consuming service's schema (ADR
 * 0136): a message's attempts add up across every member that takes its partition in turn, so a
 * message that always fails is dead-lettered after the configured attempts in all, however many
 * deploys or restarts come between them. Written only when a try fails, in a statement of its own
 * (the try's transaction rolled back); read when a message is taken one at a time, which a
 * message that failed always is, and for a partition's rows at once when the partition is newly
 * assigned to a member (ADR 0154), so that its chunks holding a counted message are taken one at a
 * time from the start. A dead-lettered message's row is kept, marked, so that read again before its
 * offset is committed (a rebalance, a crash) it is passed by, instead of tried a full set afresh and
 * dead-lettered twice. A partition is handled in order: the rows of its messages before one that
 * fails, and up to one handled after failing, are done with and removed with them, but for the marks
 * of recent dead letters, which a crash within the commit interval still needs.
 */
export class FailedAttempts {
  private readonly table: string;

  private readonly starts: string;
  private readonly inbox: string;

  constructor(
    schema: string,
    private readonly consumer: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.consumer_attempts`;
    this.starts = `${quoteIdentifier(schema)}.consumer_starts`;
    this.inbox = `${quoteIdentifier(schema)}.inbox`;
  }

  /**
   * The consumer instance `member` begins its assignment of the partition at `at.offset` (ADR 0164):
   * kept as the partition's start, in one statement that returns the start found there before, which
   * tells whether the member before ended its process mid-try ({@link judgeStart}).
   */
  async began(db: Queryable, at: PartitionOffset, member: string): Promise<PartitionStart | undefined> {
    const row = await selectRow(
      db,
      StartRow,
      `WITH found AS (
         SELECT s.message_offset::text AS message_offset, s.event_id, s.started_by,
                EXISTS (SELECT 1 FROM ${this.inbox} i WHERE i.consumer = s.consumer AND i.event_id = s.event_id) AS handled
           FROM ${this.starts} s WHERE s.consumer = $1 AND s.topic = $2 AND s.partition = $3
       ), began AS (${this.startAt()})
       SELECT message_offset, event_id, started_by, handled FROM found`,
      [this.consumer, at.topic, at.partition, at.offset, null, member],
    );
    return row && { offset: row.message_offset, ...(row.event_id !== null && { eventId: row.event_id }), handled: row.handled, startedBy: row.started_by };
  }

  /** `member` is about to try `message` one at a time: the partition's start is that message until the try fails or its offset is passed. */
  async trying(db: Queryable, message: TakenMessage, member: string): Promise<void> {
    await execute(db, this.startAt(), [this.consumer, message.topic, message.partition, message.offset, message.eventId, member]);
  }

  /** `message`'s try is over without a failure to count (its consumer stopping, or an outage failing it, ADR 0164): no longer in hand, as a failed try's is not. */
  async tryLeft(db: Queryable, message: TakenMessage): Promise<void> {
    await execute(db, this.tryOver(), [this.consumer, message.topic, message.partition, message.offset, message.eventId]);
  }

  /** The partition's start ($1, $2, $3) no longer says the message at $4 ($5) is in hand: where its member began again. */
  private tryOver(): string {
    return `UPDATE ${this.starts} SET event_id = NULL WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset = $4 AND event_id = $5`;
  }

  /** The partition's start ($1, $2, $3) set to the offset $4, the message $5 tried there (null: an assignment's first batch), by the member $6. */
  private startAt(): string {
    return `INSERT INTO ${this.starts} (consumer, topic, partition, message_offset, event_id, started_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consumer, topic, partition) DO UPDATE
         SET message_offset = EXCLUDED.message_offset, event_id = EXCLUDED.event_id, started_by = EXCLUDED.started_by, started_at = now()`;
  }

  /**
   * Counts a try of `message` that its process ended in (ADR 0164), found by the partition's next
   * owner; the tries failed in all, none when it was dead-lettered meanwhile (its mark stays as it is).
   */
  async endedIn(db: Queryable, message: TakenMessage): Promise<number | undefined> {
    const row = await selectRow(
      db,
      CountRow,
      `INSERT INTO ${this.table} AS a (consumer, topic, partition, message_offset, event_id, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (consumer, topic, partition, message_offset) DO UPDATE
         SET attempts = CASE WHEN a.event_id = EXCLUDED.event_id THEN a.attempts + 1 ELSE 1 END,
             event_id = EXCLUDED.event_id, last_error = EXCLUDED.last_error, failed_at = now()
         WHERE NOT a.dead_lettered
       RETURNING attempts`,
      [this.consumer, message.topic, message.partition, message.offset, message.eventId, ENDED_THE_PROCESS],
    );
    return row?.attempts;
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
   * The failed tries of `partition`'s messages from `offset` on, by offset: what the members that
   * held it before counted, read once when it is assigned to this one (ADR 0154). The key's range
   * from `offset` on holds the rows of messages not yet committed, a few; the marks a flood left
   * are behind it.
   */
  async fromOffset(db: Queryable, topic: string, partition: number, offset: string): Promise<Map<string, FailedTriesAt>> {
    const rows = await selectRows(
      db,
      FailedAtRow,
      `SELECT message_offset::text, event_id, attempts, last_error, dead_lettered FROM ${this.table}
        WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset >= $4`,
      [this.consumer, topic, partition, offset],
    );
    return new Map(rows.map((row) => [row.message_offset, { eventId: row.event_id, attempts: row.attempts, lastError: row.last_error, deadLettered: row.dead_lettered }]));
  }

  /**
   * Counts a failed try of `message`; the tries failed in all, this one included. Rows of its
   * partition before it, left by a crash between a message's end and their removal, go with it,
   * but for recent dead letters' marks ({@link DEAD_LETTER_MARK_KEPT_S}). The try is over: the
   * partition's start no longer says it is in hand (ADR 0164), so a process ending in the back-off
   * after it does not count it twice.
   */
  async failed(db: Queryable, message: TakenMessage, error: string): Promise<number> {
    const row = await selectRow(
      db,
      CountRow,
      `WITH ${this.doneWith('<', '$7')},
       tried AS (${this.tryOver()})
       INSERT INTO ${this.table} AS a (consumer, topic, partition, message_offset, event_id, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (consumer, topic, partition, message_offset) DO UPDATE
         SET attempts = CASE WHEN a.event_id = EXCLUDED.event_id THEN a.attempts + 1 ELSE 1 END,
             event_id = EXCLUDED.event_id, last_error = EXCLUDED.last_error, dead_lettered = false, failed_at = now()
       RETURNING attempts`,
      [this.consumer, message.topic, message.partition, message.offset, message.eventId, error, DEAD_LETTER_MARK_KEPT_S],
    );
    if (!row) throw new Error('counting a failed try returned no row');
    return row.attempts;
  }

  /** `message`'s dead letter was sent, now: its mark is kept from then on. */
  async deadLettered(db: Queryable, message: TakenMessage): Promise<void> {
    await execute(db, `UPDATE ${this.table} SET dead_lettered = true, failed_at = now() WHERE consumer = $1 AND topic = $2 AND partition = $3 AND message_offset = $4 AND event_id = $5`, [
      this.consumer,
      message.topic,
      message.partition,
      message.offset,
      message.eventId,
    ]);
  }

  /** `message` was handled after failing: its partition's rows up to it are done with, but for recent dead letters' marks. */
  async settled(db: Queryable, message: TakenMessage): Promise<void> {
    await execute(db, `WITH ${this.doneWith('<=', '$5')} SELECT 1`, [this.consumer, message.topic, message.partition, message.offset, DEAD_LETTER_MARK_KEPT_S]);
  }

  /**
   * Removes the rows of the partition ($1, $2, $3) before the message at $4 (`<`) or up to it
   * (`<=`) that may go: a dead letter's mark only once it is older than `keptFor` seconds, since
   * read again before its offset is committed (the member crashing within the commit interval) it
   * must still be passed by, not tried a full set and dead-lettered again. Two statements, each by
   * an index holding only the rows it may remove (ADR 0154), so that a flood's kept marks are read
   * by neither: the unmarked rows by offset, a few at most; the expired marks by the time they were
   * sent, the oldest {@link EXPIRED_MARKS_AT_ONCE}, then removed by where they are: a condition
   * on the partition's key there would let the planner walk the key's range of every mark instead.
   * A row changed meanwhile (marked again, or tried again) is checked again as it is now.
   */
  private doneWith(upTo: '<' | '<=', keptFor: string): string {
    const rows = `consumer = $1 AND topic = $2 AND partition = $3 AND message_offset ${upTo} $4`;
    const expired = `dead_lettered AND failed_at < now() - make_interval(secs => ${keptFor})`;
    return `unmarked AS (
         DELETE FROM ${this.table} WHERE ${rows} AND NOT dead_lettered
       ),
       expired AS (
         DELETE FROM ${this.table} WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM ${this.table} WHERE ${rows} AND ${expired} ORDER BY failed_at LIMIT ${EXPIRED_MARKS_AT_ONCE}
         )) AND ${expired}
       )`;
  }
}
