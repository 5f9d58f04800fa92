import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { IdRow, Nullable, Queryable, changedRows, execute, selectRow, selectRows } from '@cs/persistence';
import type { AudienceRole, Reader } from '../domain/audience';
import type { InboxMark } from '../domain/inbox-mark';
import type { Notification, NotificationKind, NotificationSubject } from '../domain/notification';
import type { OutboundMessage } from '../domain/outbound-message';
import { audienceCondition } from './audience-condition';
import { coveredByAnyCondition, readAtColumn, readByMarksColumn, uncoveredCondition, unreadCondition } from './read-condition';

const CountRow = Type.Object({ n: Type.Integer() });
const LockRow = Type.Object({ locked: Type.Boolean() });
const PendingRow = Type.Object({ pending: Type.Boolean() });
const LatestRow = Type.Object({ latest: Type.String() });
const ReadRow = Type.Object({ notification_id: Type.String(), user_id: Type.String(), read_at: Type.Date() });
const ReadAtRow = Type.Object({ read_at: Type.Date() });
const RecordedAtRow = Type.Object({ recorded_at: Type.Date() });

/** A notification as one reader sees it: with its place in the inbox and the stream, and their read mark. */
export interface StoredNotification {
  readonly notification: Notification;
  readonly seq: number;
  readonly feedSeq?: number;
  readonly readAt?: Date;
  /** `readAt` is their own read mark's, which their inbox lists whatever marks cover it; read only where a stream needs it. */
  readonly readSingly?: true;
}

const NotificationRow = Type.Object({
  id: Type.String(),
  seq: Type.String(),
  feed_seq: Nullable(Type.String()),
  kind: Type.Unsafe<NotificationKind>(Type.String()),
  title: Type.String(),
  // An inbox row has a ticket's three or an incident's three (the table's check says so).
  ticket_id: Nullable(Type.String()),
  ticket_number: Nullable(Type.String()),
  ticket_status: Nullable(Type.String()),
  incident_id: Nullable(Type.String()),
  incident_number: Nullable(Type.String()),
  incident_status: Nullable(Type.String()),
  item_code: Nullable(Type.String()),
  level: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  clock: Nullable(Type.String()),
  threshold_percent: Nullable(Type.Integer()),
  due_at: Nullable(Type.Date()),
  roles: Type.Array(Type.Unsafe<AudienceRole>(Type.String())),
  project_code: Nullable(Type.String()),
  department: Nullable(Type.String()),
  user_ids: Type.Array(Type.String()),
  occurred_at: Type.Date(),
  read_at: Nullable(Type.Date()),
  read_singly: Type.Optional(Type.Boolean()),
});
type NotificationRow = typeof NotificationRow.static;

const COLUMNS = `n.id::text, n.seq::text, n.feed_seq::text, n.kind, n.title, n.ticket_id::text, n.ticket_number, n.ticket_status,
  n.incident_id::text, n.incident_number, n.incident_status, n.item_code, n.level, n.reason, n.clock, n.threshold_percent, n.due_at, n.roles, n.project_code, n.department, n.user_ids, n.occurred_at`;

function subjectOf(row: NotificationRow): NotificationSubject {
  if (row.ticket_id !== null && row.ticket_number !== null && row.ticket_status !== null) {
    return { ticket: { id: row.ticket_id, number: row.ticket_number, status: row.ticket_status, ...presentProps({ itemCode: row.item_code, projectCode: row.project_code }) } };
  }
  if (row.incident_id !== null && row.incident_number !== null && row.incident_status !== null && row.item_code !== null && row.project_code !== null) {
    return { incident: { id: row.incident_id, number: row.incident_number, status: row.incident_status, itemCode: row.item_code, projectCode: row.project_code } };
  }
  throw new Error(`notification ${row.id} names neither a ticket nor an incident`);
}

function stored(row: NotificationRow): StoredNotification {
  const notification: Notification = {
    id: row.id,
    kind: row.kind,
    title: row.title,
    ...subjectOf(row),
    ...(row.level !== null ? { level: row.level } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.clock !== null ? { clock: row.clock } : {}),
    ...(row.threshold_percent !== null ? { thresholdPercent: row.threshold_percent } : {}),
    ...(row.due_at ? { dueAt: row.due_at } : {}),
    audience: {
      roles: row.roles,
      ...(row.project_code ? { projectCode: row.project_code } : {}),
      ...(row.department ? { department: row.department } : {}),
      userIds: row.user_ids,
    },
    occurredAt: row.occurred_at,
  };
  return {
    notification,
    seq: Number(row.seq),
    ...(row.feed_seq !== null ? { feedSeq: Number(row.feed_seq) } : {}),
    ...(row.read_at ? { readAt: row.read_at, ...(row.read_singly ? { readSingly: true as const } : {}) } : {}),
  };
}

export interface InboxPageQuery {
  readonly unreadOnly: boolean;
  /** Only notifications older than this place in the inbox. */
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** Feed publication is serialised across replicas on this lock, so stream ids grow in publication order. */
const FEED_LOCK = 'notifications.feed';

@Injectable()
export class NotificationRepository {
  /** Idempotent by the event it came from: false when that event made its notification already. */
  /**
   * Notifications in one statement, in the order given (their `seq`, the inbox's order); each is
   * idempotent by the event it came from. The ids of those inserted: not one already recorded.
   */
  async insertAll(tx: EntityManager, items: readonly { readonly notification: Notification; readonly sourceEventId: string }[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = await selectRows(
      tx,
      IdRow,
      `INSERT INTO notifications (id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, incident_id, incident_number, incident_status,
         item_code, level, reason, clock, threshold_percent, due_at, roles, project_code, department, user_ids, occurred_at)
       SELECT id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, incident_id, incident_number, incident_status,
              item_code, level, reason, clock, threshold_percent, due_at, roles, project_code, department, user_ids, occurred_at
         FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, source_event_id text, kind text, title text, ticket_id uuid, ticket_number text,
              ticket_status text, incident_id uuid, incident_number text, incident_status text, item_code text, level integer, reason text, clock text,
              threshold_percent integer, due_at timestamptz, roles text[], project_code text, department text, user_ids text[], occurred_at timestamptz,
              position bigint)
        ORDER BY position
       ON CONFLICT (source_event_id) DO NOTHING RETURNING id::text`,
      [
        JSON.stringify(
          items.map(({ notification: n, sourceEventId }, position) => ({
            position,
            id: n.id,
            source_event_id: sourceEventId,
            kind: n.kind,
            title: n.title,
            ticket_id: n.ticket?.id ?? null,
            ticket_number: n.ticket?.number ?? null,
            ticket_status: n.ticket?.status ?? null,
            incident_id: n.incident?.id ?? null,
            incident_number: n.incident?.number ?? null,
            incident_status: n.incident?.status ?? null,
            item_code: (n.ticket ?? n.incident).itemCode ?? null,
            level: n.level ?? null,
            reason: n.reason ?? null,
            clock: n.clock ?? null,
            threshold_percent: n.thresholdPercent ?? null,
            due_at: n.dueAt ?? null,
            roles: [...n.audience.roles],
            project_code: n.audience.projectCode ?? null,
            department: n.audience.department ?? null,
            user_ids: [...n.audience.userIds],
            occurred_at: n.occurredAt,
          })),
        ),
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * An outbound message, kept as a notification of channel 'webhook' so its deliveries share the
   * machinery of every other; idempotent by the event it came from, like `insert`.
   */
  /**
   * Outbound messages, however many, in one statement (an incident's update for each customer who
   * called about it); returns the ids of those inserted: one whose source event was recorded before
   * is not inserted again.
   */
  async insertMessages(tx: EntityManager, messages: readonly { readonly message: OutboundMessage; readonly sourceEventId: string }[]): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const rows = await selectRows(
      tx,
      IdRow,
      `INSERT INTO notifications (id, source_event_id, channel, kind, title, subject_type, subject_id, body, roles, project_code, occurred_at)
       SELECT m.id, m.source_event_id, 'webhook', m.kind, m.title, m.subject_type, m.subject_id, m.body, '{}', m.project_code, m.occurred_at
         FROM jsonb_to_recordset($1::jsonb) AS m (id uuid, source_event_id text, kind text, title text, subject_type text, subject_id text,
              body jsonb, project_code text, occurred_at timestamptz)
       ON CONFLICT (source_event_id) DO NOTHING RETURNING id::text`,
      [
        JSON.stringify(
          messages.map(({ message: m, sourceEventId }) => ({
            id: m.id,
            source_event_id: sourceEventId,
            kind: m.kind,
            title: m.title,
            subject_type: m.subject.type,
            subject_id: m.subject.id,
            body: m.body,
            project_code: m.projectCode ?? null,
            occurred_at: m.occurredAt,
          })),
        ),
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The reader's inbox, newest first; `marks` are their "mark all read", one per scope they marked with. */
  async page(db: Queryable, reader: Reader, marks: readonly InboxMark[], query: InboxPageQuery): Promise<StoredNotification[]> {
    const params: unknown[] = [reader.sub];
    const readAt = readAtColumn(marks, params);
    const conditions = [audienceCondition(reader, params)];
    if (query.unreadOnly) conditions.push('r.read_at IS NULL', uncoveredCondition(reader, marks, params));
    if (query.beforeSeq !== undefined) {
      params.push(query.beforeSeq);
      conditions.push(`n.seq < $${params.length}`);
    }
    params.push(query.limit);
    const rows = await selectRows(
      db,
      NotificationRow,
      `SELECT ${COLUMNS}, ${readAt} AS read_at FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
        WHERE ${conditions.join(' AND ')} ORDER BY n.seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(stored);
  }

  /**
   * The reader's unread notifications, counted up to `cap`: the count is read with every inbox
   * page, and past a few hundred a desk shows "99+" anyway. With a "mark all read" of a scope at
   * least as wide as the reader's it reads only what came after it (see `uncoveredCondition`),
   * however deep the inbox.
   */
  async unreadCount(db: Queryable, reader: Reader, marks: readonly InboxMark[], cap: number): Promise<number> {
    const params: unknown[] = [reader.sub];
    const condition = unreadCondition(reader, marks, params);
    params.push(cap);
    const row = await selectRow(db, CountRow, `SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications n WHERE ${condition} LIMIT $${params.length}) unread`, params);
    return row?.n ?? 0;
  }

  /**
   * Gives the reader a read mark of their own on every notification they may see that the marks
   * `under` leave unread: at the time of the earliest of `keepingTimesOf` that covers it, or at
   * `at`. Each is held against the retention meanwhile, as `find` holds one: one it is deleting is
   * waited for and then passed by, not a failed insert. Returns those it marked that had a stream
   * id above `numberedAfter`, read: one the relay's claim held is read once the claim commits, with
   * the stream id it gave.
   */
  async markUnreadRead(tx: EntityManager, reader: Reader, under: readonly InboxMark[], at: Date, keepingTimesOf: readonly InboxMark[], numberedAfter: number): Promise<StoredNotification[]> {
    const params: unknown[] = [reader.sub];
    const condition = unreadCondition(reader, under, params);
    const kept = readByMarksColumn(keepingTimesOf, params);
    params.push(at);
    const readAt = `COALESCE(${kept}, $${params.length})`;
    params.push(numberedAfter);
    const rows = await selectRows(
      tx,
      NotificationRow,
      `WITH unread AS (SELECT ${COLUMNS}, ${readAt} AS read_at FROM notifications n WHERE ${condition} FOR KEY SHARE OF n),
            marked AS (INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT id::uuid, $1, read_at FROM unread
                       ON CONFLICT DO NOTHING RETURNING notification_id::text AS id)
       SELECT u.* FROM unread u JOIN marked USING (id) WHERE u.feed_seq::bigint > $${params.length}`,
      params,
    );
    return rows.map(stored);
  }

  /**
   * Gives the user a read mark of their own on every notification the `folded` marks cover, at the
   * time `marks` (theirs before, the folded among them) read it: the earliest that covers it. One
   * they read singly keeps that time. Held against the retention as `markUnreadRead` holds them.
   */
  async markFoldedRead(tx: EntityManager, userId: string, folded: readonly InboxMark[], marks: readonly InboxMark[]): Promise<void> {
    if (folded.length === 0) return;
    const params: unknown[] = [userId];
    const readAt = readByMarksColumn(marks, params);
    const condition = coveredByAnyCondition(folded, params);
    await execute(
      tx,
      `INSERT INTO notification_reads (notification_id, user_id, read_at)
       SELECT n.id, $1, ${readAt} FROM notifications n WHERE ${condition} FOR KEY SHARE OF n
       ON CONFLICT DO NOTHING`,
      params,
    );
  }

  /**
   * Deletes up to `limit` notifications recorded before `before`, oldest first, with their read
   * marks and their webhook deliveries (both cascade); returns how many went. One a delivery
   * still waits for (its subscription paused) stays until the delivery ends. Notifications another
   * transaction holds are left to the next round: two replicas' rounds then delete disjoint ones,
   * and one a reader is marking read goes once the mark is in.
   */
  async deleteRecordedBefore(db: Queryable, before: Date, limit: number): Promise<number> {
    const rows = await changedRows(
      db,
      IdRow,
      `DELETE FROM notifications WHERE id IN (
         SELECT n.id FROM notifications n
          WHERE n.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.notification_id = n.id AND d.status = 'pending')
          ORDER BY n.created_at LIMIT $2 FOR UPDATE OF n SKIP LOCKED)
       RETURNING id::text`,
      [before, limit],
    );
    return rows.length;
  }

  /**
   * One notification, if it reaches the reader; otherwise it does not exist for them. `held` keeps
   * it from being deleted until the caller's transaction ends: one the retention is deleting
   * meanwhile is waited for and then not found, instead of found and gone by the next statement.
   */
  async find(db: Queryable, id: string, reader: Reader, marks: readonly InboxMark[], held = false): Promise<StoredNotification | undefined> {
    const [row] = await this.asListed(db, reader, marks, [id], (audience) => `n.id = $2 AND ${audience}${held ? ' FOR KEY SHARE OF n' : ''}`);
    return row;
  }

  /**
   * A read mark is per user and set once: marking again keeps the first time. Returns the time the
   * mark has, and whether this marking set it: a marking that found the notification unread as
   * another did waits here for the other's commit and keeps its time.
   */
  async markRead(tx: EntityManager, id: string, userId: string, at: Date): Promise<{ readAt: Date; marked: boolean }> {
    const set = await selectRow(tx, ReadAtRow, 'INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING read_at', [id, userId, at]);
    if (set) return { readAt: set.read_at, marked: true };
    const kept = await selectRow(tx, ReadAtRow, 'SELECT read_at FROM notification_reads WHERE notification_id = $1 AND user_id = $2', [id, userId]);
    return { readAt: kept?.read_at ?? at, marked: false };
  }

  /** Whether any notification waits for its stream id: one statement, no transaction (the idle relay's poll). */
  async anyUnfed(db: Queryable): Promise<boolean> {
    const row = await selectRow(db, PendingRow, "SELECT EXISTS (SELECT 1 FROM notifications WHERE feed_seq IS NULL AND channel = 'inbox') AS pending");
    return row?.pending === true;
  }

  /**
   * Gives the oldest unpublished notifications their stream ids, or nothing when another
   * replica is publishing; the caller publishes them before the transaction commits. It takes
   * only those no reader holds and never waits for one: a reader marking all read holds each it
   * marks while it waits for others, among them those this claim numbers (a change of their
   * unique stream id locks them against it), and a claim waiting for one it held was a deadlock.
   * What it skips, the next round numbers.
   */
  async claimForFeed(tx: EntityManager, limit: number): Promise<StoredNotification[]> {
    const lock = await selectRow(tx, LockRow, 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [FEED_LOCK]);
    if (!lock?.locked) return [];
    const rows = await selectRows(
      tx,
      NotificationRow,
      `WITH next AS (SELECT id FROM notifications WHERE feed_seq IS NULL AND channel = 'inbox' ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED),
            numbered AS (UPDATE notifications SET feed_seq = nextval('notification_feed_seq') WHERE id IN (SELECT id FROM next) RETURNING *)
       SELECT ${COLUMNS}, NULL::timestamptz AS read_at FROM numbered n ORDER BY n.feed_seq`,
      [limit],
    );
    return rows.map(stored);
  }

  /**
   * Which of these notifications any reader has a read mark of their own on. Read by the relay
   * after its claim, in a statement of its own: a reader marking one read holds it (FOR KEY SHARE)
   * until their mark is in, so the claim skips it then, and this sees every mark made before the
   * claim took the notification; a reader coming later waits for the relay and marks one already
   * on the stream.
   */
  async readByAnyone(db: Queryable, notificationIds: readonly string[]): Promise<Set<string>> {
    if (notificationIds.length === 0) return new Set();
    const rows = await selectRows(db, IdRow, 'SELECT DISTINCT notification_id::text AS id FROM notification_reads WHERE notification_id = ANY($1::uuid[])', [notificationIds]);
    return new Set(rows.map((row) => row.id));
  }

  /** The latest stream id given, 0 before the first: read from the unique index's end. */
  async latestFeedSeq(db: Queryable): Promise<number> {
    const row = await selectRow(db, LatestRow, 'SELECT COALESCE(max(feed_seq), 0)::text AS latest FROM notifications');
    return Number(row?.latest ?? 0);
  }

  /**
   * The notifications given stream ids in (`after`, `upTo`], but those in `except`, whoever they
   * reach, oldest first: what a replica's channel did not bring it, read for all its streams.
   * Unread: whether each is read is its readers' (`readsOf`, and their marks).
   */
  async feedBetween(db: Queryable, after: number, upTo: number, except: readonly number[], limit: number): Promise<StoredNotification[]> {
    const rows = await selectRows(
      db,
      NotificationRow,
      `SELECT ${COLUMNS}, NULL::timestamptz AS read_at FROM notifications n
        WHERE n.feed_seq > $1 AND n.feed_seq <= $2 AND NOT (n.feed_seq = ANY($3::bigint[])) ORDER BY n.feed_seq LIMIT $4`,
      [after, upTo, except, limit],
    );
    return rows.map(stored);
  }

  /** The read marks of their own these users gave these notifications: user → notification → when. */
  async readsOf(db: Queryable, notificationIds: readonly string[], userIds: readonly string[]): Promise<Map<string, Map<string, Date>>> {
    const reads = new Map<string, Map<string, Date>>();
    if (notificationIds.length === 0 || userIds.length === 0) return reads;
    const rows = await selectRows(
      db,
      ReadRow,
      'SELECT notification_id::text, user_id, read_at FROM notification_reads WHERE notification_id = ANY($1::uuid[]) AND user_id = ANY($2::text[])',
      [notificationIds, userIds],
    );
    for (const row of rows) reads.set(row.user_id, (reads.get(row.user_id) ?? new Map<string, Date>()).set(row.notification_id, row.read_at));
    return reads;
  }

  /**
   * The last `limit` notifications up to `upToFeedSeq` (a resuming stream's Last-Event-ID) that
   * reach the reader, newest first, read or unread as their inbox lists them: what the stream's
   * earlier connection may have sent. Read backwards along the stream ids' index from there.
   */
  async feedUpTo(db: Queryable, reader: Reader, marks: readonly InboxMark[], upToFeedSeq: number, limit: number): Promise<StoredNotification[]> {
    return this.asListed(db, reader, marks, [upToFeedSeq, limit], (audience) => `n.feed_seq <= $2 AND ${audience} ORDER BY n.feed_seq DESC LIMIT $3`);
  }

  /**
   * When the latest notification given a stream id up to `feedSeq` was recorded, whoever it
   * reaches: a stream sent that id after it. Undefined when none is left (the retention took them).
   */
  async recordedAtOfFeed(db: Queryable, feedSeq: number): Promise<Date | undefined> {
    const row = await selectRow(db, RecordedAtRow, 'SELECT created_at AS recorded_at FROM notifications WHERE feed_seq <= $1 ORDER BY feed_seq DESC LIMIT 1', [feedSeq]);
    return row?.recorded_at;
  }

  /** What a stream missed after `afterFeedSeq` (its Last-Event-ID), oldest first. */
  async feedAfter(db: Queryable, reader: Reader, marks: readonly InboxMark[], afterFeedSeq: number, limit: number): Promise<StoredNotification[]> {
    return this.asListed(db, reader, marks, [afterFeedSeq, limit], (audience) => `n.feed_seq > $2 AND ${audience} ORDER BY n.feed_seq LIMIT $3`);
  }

  /**
   * The reader's notifications the rest of the statement (`where`, given the audience condition,
   * `given` its parameters from `$2`) selects, read or unread as their inbox lists them, and
   * whether by a read mark of their own.
   */
  private async asListed(db: Queryable, reader: Reader, marks: readonly InboxMark[], given: readonly unknown[], where: (audience: string) => string): Promise<StoredNotification[]> {
    const params: unknown[] = [reader.sub, ...given];
    const readAt = readAtColumn(marks, params);
    const rows = await selectRows(
      db,
      NotificationRow,
      `SELECT ${COLUMNS}, ${readAt} AS read_at, r.read_at IS NOT NULL AS read_singly FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
        WHERE ${where(audienceCondition(reader, params))}`,
      params,
    );
    return rows.map(stored);
  }
}
