import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { execute, Nullable, projectCondition, Queryable, selectRow, selectRows, sendAhead } from '@cs/persistence';
import { binOf } from '../domain/duration-histogram';
import type { Period } from '../domain/period';
import type { EscalatedTicket } from '../domain/monthly-report';
import type { TicketFact } from '../domain/ticket-evolution';
import type { TicketRecord } from '../domain/ticket-record';
import { LIVE_TABLES, ProjectionTables } from './projection-tables';

const GradeRow = Type.Object({ ticketId: Type.String(), grade: Type.String() });
const FirstUncountedRow = Type.Object({ at: Nullable(Type.Date()) });
const BehindRow = Type.Object({ behind: Type.Boolean() });

export interface OpenedCount {
  readonly section: string;
  readonly channel: string;
  readonly project: string;
  readonly n: number;
}

const OpenedCountRow = Type.Object({ section: Type.String(), channel: Type.String(), project: Type.String(), n: Type.Integer() });

/** Ticket ids are UUIDs; an event naming anything else names no ticket of the read model. */
/** The shape of a uuid: an id of another shape names no row, and is not sent to Postgres to be refused as one. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Serialises everything that changes a ticket's share — its opening, its events, its grade, which
 * intake may send before the ticket exists — so two transactions never count it from the same
 * old row. Taken in one order (sorted ids), so two batches cannot wait on each other.
 */
export async function lockTickets(tx: EntityManager, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await sendAhead(
    tx,
    `SELECT pg_advisory_xact_lock(hashtext('reporting-ticket:' || id)) FROM (SELECT DISTINCT unnest($1::text[]) AS id ORDER BY 1) ids`,
    [[...ticketIds].sort()],
  );
}

/** The column list of a full ticket row, read as {@link TicketFactRow}. */
const FACT_COLUMNS = `f.ticket_id::text AS "ticketId", f.number, f.channel, f.section_code AS "sectionCode", f.item_code AS "itemCode",
            f.project_code AS "projectCode", f.owner_id AS "ownerId", f.opened_at AS "openedAt", f.grade,
            f.validity, f.department, f.dispatched_at AS "dispatchedAt", f.first_reply_at AS "firstReplyAt", f.replied,
            f.answered_from_knowledge AS "answeredFromKnowledge", f.first_response_breached AS "firstResponseBreached",
            f.resolution_breached AS "resolutionBreached", f.resolved_at AS "resolvedAt", f.reopened_at AS "reopenedAt",
            f.closed_at AS "closedAt", f.reopen_count AS "reopenCount", f.escalation_level AS "escalationLevel",
            f.major_complaint AS "majorComplaint", f.extension_count AS "extensionCount", f.incident_id::text AS "incidentId",
            f.record_complete AS "recordComplete", f.dispatch_breached AS "dispatchBreached", f.on_site_at AS "onSiteAt",
            f.on_site_breached AS "onSiteBreached"`;

const COUNTED_COLUMNS = `f.merged_into::text AS "mergedInto", f.counted_calendar_version AS "countedCalendarVersion", f.counted_day AS "countedDay",
            f.counted_first_response::float8 AS "countedFirstResponse", f.counted_resolution::float8 AS "countedResolution"`;

const Validity = Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('out_of_scope')]);
const TicketRecordRow = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  channel: Type.String(),
  sectionCode: Nullable(Type.String()),
  itemCode: Nullable(Type.String()),
  projectCode: Nullable(Type.String()),
  ownerId: Type.String(),
  openedAt: Type.Date(),
  grade: Nullable(Type.String()),
  validity: Nullable(Validity),
  department: Nullable(Type.String()),
  dispatchedAt: Nullable(Type.Date()),
  firstReplyAt: Nullable(Type.Date()),
  replied: Type.Boolean(),
  answeredFromKnowledge: Type.Boolean(),
  firstResponseBreached: Type.Boolean(),
  resolutionBreached: Type.Boolean(),
  resolvedAt: Nullable(Type.Date()),
  reopenedAt: Nullable(Type.Date()),
  closedAt: Nullable(Type.Date()),
  reopenCount: Type.Integer(),
  escalationLevel: Type.Integer(),
  majorComplaint: Type.Boolean(),
  extensionCount: Type.Integer(),
  incidentId: Nullable(Type.String()),
  recordComplete: Nullable(Type.Boolean()),
  dispatchBreached: Nullable(Type.Boolean()),
  onSiteAt: Nullable(Type.Date()),
  onSiteBreached: Nullable(Type.Boolean()),
});
const TicketFactRow = Type.Composite([
  TicketRecordRow,
  Type.Object({
    mergedInto: Nullable(Type.String()),
    countedCalendarVersion: Nullable(Type.Integer()),
    countedDay: Nullable(Type.Integer()),
    countedFirstResponse: Nullable(Type.Number()),
    countedResolution: Nullable(Type.Number()),
  }),
]);

function toFact(row: typeof TicketFactRow.static): TicketFact {
  const { mergedInto, countedCalendarVersion, countedDay, countedFirstResponse, countedResolution, ...record } = row;
  return {
    ...record,
    mergedInto,
    counted:
      countedCalendarVersion === null
        ? null
        : { calendarVersion: countedCalendarVersion, day: countedDay, firstResponse: countedFirstResponse, resolution: countedResolution },
  };
}

/** The rows of the tickets, locked until the transaction ends; a ticket reporting never saw opened has none. */
export async function ticketFactsForUpdate(tx: EntityManager, ticketIds: readonly string[], tables: ProjectionTables = LIVE_TABLES): Promise<TicketFact[]> {
  const ids = ticketIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  const rows = await selectRows(
    tx,
    TicketFactRow,
    `SELECT ${FACT_COLUMNS}, ${COUNTED_COLUMNS} FROM ${tables.tickets} f WHERE f.ticket_id = ANY($1::uuid[]) ORDER BY f.ticket_id FOR UPDATE`,
    [ids],
  );
  return rows.map(toFact);
}

/** The grades intake reported for the tickets, whether or not the tickets are known yet. */
export async function gradesOf(tx: EntityManager, ticketIds: readonly string[], tables: ProjectionTables = LIVE_TABLES): Promise<Map<string, string>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await selectRows(tx, GradeRow, `SELECT ticket_id AS "ticketId", grade FROM ${tables.grades} WHERE ticket_id = ANY($1::text[])`, [
    [...ticketIds],
  ]);
  return new Map(rows.map((r) => [r.ticketId, r.grade]));
}

/** 重大投诉 graded on receipt: intake names the ticket's id, which may arrive before or after the ticket. */
export async function saveGrades(tx: EntityManager, grades: ReadonlyMap<string, string>, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  if (grades.size === 0) return;
  await sendAhead(
    tx,
    `INSERT INTO ${tables.grades} (ticket_id, grade) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (ticket_id) DO UPDATE SET grade = EXCLUDED.grade`,
    [[...grades.keys()], [...grades.values()]],
  );
}

const binOrNull = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : binOf(value));

/** The row's columns, each with its type for jsonb_to_recordset, in the JSON the row is sent as. */
const WRITTEN: readonly (readonly [column: string, type: string, value: (f: TicketFact) => unknown])[] = [
  ['ticket_id', 'uuid', (f) => f.ticketId],
  ['number', 'text', (f) => f.number],
  ['channel', 'text', (f) => f.channel],
  ['section_code', 'text', (f) => f.sectionCode],
  ['item_code', 'text', (f) => f.itemCode],
  ['project_code', 'text', (f) => f.projectCode],
  ['owner_id', 'text', (f) => f.ownerId],
  ['opened_at', 'timestamptz', (f) => f.openedAt],
  ['grade', 'text', (f) => f.grade],
  ['validity', 'text', (f) => f.validity],
  ['department', 'text', (f) => f.department],
  ['dispatched_at', 'timestamptz', (f) => f.dispatchedAt],
  ['first_reply_at', 'timestamptz', (f) => f.firstReplyAt],
  ['replied', 'boolean', (f) => f.replied],
  ['answered_from_knowledge', 'boolean', (f) => f.answeredFromKnowledge],
  ['first_response_breached', 'boolean', (f) => f.firstResponseBreached],
  ['resolution_breached', 'boolean', (f) => f.resolutionBreached],
  ['resolved_at', 'timestamptz', (f) => f.resolvedAt],
  ['reopened_at', 'timestamptz', (f) => f.reopenedAt],
  ['closed_at', 'timestamptz', (f) => f.closedAt],
  ['reopen_count', 'integer', (f) => f.reopenCount],
  ['escalation_level', 'integer', (f) => f.escalationLevel],
  ['major_complaint', 'boolean', (f) => f.majorComplaint],
  ['extension_count', 'integer', (f) => f.extensionCount],
  ['incident_id', 'uuid', (f) => f.incidentId],
  ['record_complete', 'boolean', (f) => f.recordComplete],
  ['dispatch_breached', 'boolean', (f) => f.dispatchBreached],
  ['on_site_at', 'timestamptz', (f) => f.onSiteAt],
  ['on_site_breached', 'boolean', (f) => f.onSiteBreached],
  ['merged_into', 'uuid', (f) => f.mergedInto],
  ['counted_calendar_version', 'integer', (f) => f.counted?.calendarVersion ?? null],
  ['counted_day', 'integer', (f) => f.counted?.day ?? null],
  ['counted_first_response', 'bigint', (f) => f.counted?.firstResponse ?? null],
  ['counted_first_response_bin', 'integer', (f) => binOrNull(f.counted?.firstResponse)],
  ['counted_resolution', 'bigint', (f) => f.counted?.resolution ?? null],
  ['counted_resolution_bin', 'integer', (f) => binOrNull(f.counted?.resolution)],
];

/** Writes the tickets' rows as they now stand, new or changed, in one statement. */
export async function saveTicketFacts(tx: EntityManager, facts: readonly TicketFact[], tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  if (facts.length === 0) return;
  const columns = WRITTEN.map(([column]) => column);
  await sendAhead(
    tx,
    `INSERT INTO ${tables.tickets} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${WRITTEN.map(([column, type]) => `${column} ${type}`).join(', ')})
     ON CONFLICT (ticket_id) DO UPDATE SET ${columns
       .filter((c) => c !== 'ticket_id')
       .map((c) => `${c} = EXCLUDED.${c}`)
       .join(', ')}`,
    [JSON.stringify(facts.map((f) => Object.fromEntries(WRITTEN.map(([column, , value]) => [column, value(f)]))))],
  );
}

const COUNTED_OTHERWISE = '(f.counted_calendar_version IS NULL OR f.counted_calendar_version < $1 OR f.counted_calendar_version > $1)';

/** Where a pass over a period's rows stands: the last row taken, in order of receipt. */
export interface RowCursor {
  readonly openedAt: Date;
  readonly ticketId: string;
}

/**
 * Rows received in the period counted by another calendar version than `version`, or by none
 * yet, after `after` in order of receipt, locked; rows another transaction holds are left for
 * later. Read along the receipt index, so each call costs what it returns, however many remain.
 */
export async function ticketFactsCountedOtherwise(
  tx: EntityManager,
  version: number,
  period: Period,
  after: RowCursor | undefined,
  limit: number,
  tables: ProjectionTables = LIVE_TABLES,
): Promise<TicketFact[]> {
  const from = after?.openedAt ?? period.from;
  const rows = await selectRows(
    tx,
    TicketFactRow,
    `SELECT ${FACT_COLUMNS}, ${COUNTED_COLUMNS} FROM ${tables.tickets} f
      WHERE f.opened_at >= $2 AND f.opened_at < $3 AND ($4::uuid IS NULL OR (f.opened_at, f.ticket_id) > ($2, $4::uuid)) AND ${COUNTED_OTHERWISE}
      ORDER BY f.opened_at, f.ticket_id LIMIT $5 FOR UPDATE SKIP LOCKED`,
    [version, from, period.to, after?.ticketId ?? null, limit],
  );
  return rows.map(toFact);
}

/** When the earliest ticket counted by another calendar version than `version`, or by none, was received. */
export async function firstCountedOtherwise(db: Queryable, version: number, tables: ProjectionTables = LIVE_TABLES): Promise<Date | undefined> {
  const row = await selectRow(
    db,
    FirstUncountedRow,
    // Three index ranges of (counted_calendar_version, opened_at), each read from its start.
    `SELECT least((SELECT min(opened_at) FROM ${tables.tickets} WHERE counted_calendar_version IS NULL),
                  (SELECT min(opened_at) FROM ${tables.tickets} WHERE counted_calendar_version < $1),
                  (SELECT min(opened_at) FROM ${tables.tickets} WHERE counted_calendar_version > $1)) AS at`,
    [version],
  );
  return row?.at ?? undefined;
}

/**
 * Whether the rollups may differ from the rows' shares: a ticket counted by another calendar
 * version than `version` (or not yet), or a row deleted by hand not yet taken away.
 */
export async function rollupsBehindTickets(db: Queryable, version: number): Promise<boolean> {
  const row = await selectRow(
    db,
    BehindRow,
    `SELECT EXISTS (SELECT 1 FROM ticket_facts f WHERE ${COUNTED_OTHERWISE}) OR EXISTS (SELECT 1 FROM ticket_fact_retractions) AS behind`,
    [version],
  );
  return row?.behind ?? false;
}

/** Records what the rollups now hold of the tickets, leaving their facts alone. */
export async function saveCounting(tx: EntityManager, facts: readonly TicketFact[], tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  if (facts.length === 0) return;
  await execute(
    tx,
    `UPDATE ${tables.tickets} f
        SET counted_calendar_version = r.version, counted_day = r.day, counted_first_response = r.first_response,
            counted_first_response_bin = r.first_response_bin, counted_resolution = r.resolution, counted_resolution_bin = r.resolution_bin
       FROM unnest($1::uuid[], $2::integer[], $3::integer[], $4::bigint[], $5::integer[], $6::bigint[], $7::integer[])
            AS r(ticket_id, version, day, first_response, first_response_bin, resolution, resolution_bin)
      WHERE f.ticket_id = r.ticket_id`,
    [
      facts.map((f) => f.ticketId),
      facts.map((f) => f.counted?.calendarVersion ?? null),
      facts.map((f) => f.counted?.day ?? null),
      facts.map((f) => f.counted?.firstResponse ?? null),
      facts.map((f) => binOrNull(f.counted?.firstResponse)),
      facts.map((f) => f.counted?.resolution ?? null),
      facts.map((f) => binOrNull(f.counted?.resolution)),
    ],
  );
}

/** Takes up to `limit` rows deleted by hand while counted, as they were; their share is to be taken away in the same transaction. */
export async function takeRetractions(tx: EntityManager, limit: number): Promise<TicketFact[]> {
  const rows = await selectRows(
    tx,
    TicketFactRow,
    `WITH taken AS (
       DELETE FROM ticket_fact_retractions WHERE id IN (SELECT id FROM ticket_fact_retractions ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING row
     )
     SELECT ${FACT_COLUMNS}, ${COUNTED_COLUMNS} FROM taken, jsonb_populate_record(NULL::ticket_facts, taken.row) f`,
    [limit],
  );
  return rows.map(toFact);
}

const RECORD_SELECT = `SELECT ${FACT_COLUMNS} FROM ticket_facts f`;

/** Tickets opened in the period, in the given projects (undefined: all); merged duplicates left out. */
export async function ticketsOpenedIn(db: Queryable, period: Period, projects: readonly string[] | undefined): Promise<TicketRecord[]> {
  const params: unknown[] = [period.from, period.to];
  return selectRows(
    db,
    TicketRecordRow,
    `${RECORD_SELECT}
      WHERE f.opened_at >= $1 AND f.opened_at < $2 AND f.merged_into IS NULL AND ${projectCondition('f.project_code', projects, params)}
      ORDER BY f.opened_at, f.number`,
    params,
  );
}

const EscalatedRow = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  projectCode: Nullable(Type.String()),
  itemCode: Nullable(Type.String()),
  ownerId: Type.String(),
  escalationLevel: Type.Integer(),
  majorComplaint: Type.Boolean(),
  grade: Nullable(Type.String()),
  openedAt: Type.Number(),
  resolvedAt: Nullable(Type.Number()),
  reopenedAt: Nullable(Type.Number()),
  closedAt: Nullable(Type.Number()),
  total: Type.Integer(),
});

// The millisecond a Date holds, floored as date_trunc floors it (new Date() of a fraction truncates toward zero, which differs before 1970).
const epochMs = (table: string, column: string): string => `(extract(epoch FROM date_trunc('milliseconds', ${table}.${column})) * 1000)::float8`;
const dateOf = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * 升级与重大投诉 of tickets opened in [from, to) in the projects visible (undefined: all) and,
 * when any are asked for, of those: the first `limit` in the report's order (highest escalation
 * level first, then as received), and how many there are in all; merged duplicates left out.
 * Times as epoch milliseconds, which cost far less to read than dates.
 *
 * A month may have tens of thousands; sorting them all for the first 100 was most of a report's
 * time. The partial index on (level, opened_at, number) holds each level's rows in the order
 * received, so each level present (a few, found by skipping down the index) gives its first
 * `limit` without a sort. The report orders by the millisecond a Date holds, then the number,
 * while the index orders by the microsecond: of two tickets of the same millisecond the index may
 * put the later number first. So a level gives every row up to the end of the millisecond of its
 * `limit`-th row in index order, and the few rows so gathered are sorted exactly. They are
 * counted from a narrow partial index of their own.
 */
export async function escalatedTicketsOpenedIn(
  db: Queryable,
  period: Period,
  projects: readonly string[] | undefined,
  asked: readonly string[],
  limit: number,
): Promise<{ total: number; tickets: EscalatedTicket[] }> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`escalations listed: a whole number from 1, not ${limit}`);
  const params: unknown[] = [period.from, period.to, limit];
  const onlyAsked = asked.length === 0 ? 'TRUE' : `f.project_code = ANY($${params.push([...asked])}::text[])`;
  // The partial indexes' own condition, so the planner can prove every read is within them.
  const escalated = `(f.escalation_level > 0 OR f.major_complaint OR f.grade = 'major') AND f.merged_into IS NULL`;
  const chosen = `f.opened_at >= $1 AND f.opened_at < $2 AND ${escalated} AND ${onlyAsked} AND ${projectCondition('f.project_code', projects, params)}`;
  // The domain's order exactly: times to the millisecond a Date holds, numbers by code point.
  const order = `e.escalation_level DESC, date_trunc('milliseconds', e.opened_at), e.number COLLATE "C"`;
  const rows = await selectRows(
    db,
    EscalatedRow,
    `WITH RECURSIVE levels (level) AS (
       (SELECT f.escalation_level FROM ticket_facts f WHERE ${escalated} ORDER BY f.escalation_level DESC LIMIT 1)
       UNION ALL
       SELECT (SELECT f.escalation_level FROM ticket_facts f WHERE ${escalated} AND f.escalation_level < l.level ORDER BY f.escalation_level DESC LIMIT 1)
         FROM levels l WHERE l.level IS NOT NULL
     ), bounds AS (
       SELECT l.level,
              coalesce((SELECT date_trunc('milliseconds', f.opened_at) + interval '1 millisecond'
                          FROM ticket_facts f WHERE f.escalation_level = l.level AND ${chosen}
                         ORDER BY f.opened_at, f.number COLLATE "C" OFFSET $3::int - 1 LIMIT 1), 'infinity') AS until
         FROM levels l WHERE l.level IS NOT NULL
     )
     SELECT e.ticket_id::text AS "ticketId", e.number, e.project_code AS "projectCode", e.item_code AS "itemCode", e.owner_id AS "ownerId",
            e.escalation_level AS "escalationLevel", e.major_complaint AS "majorComplaint", e.grade, ${epochMs('e', 'opened_at')} AS "openedAt",
            ${epochMs('e', 'resolved_at')} AS "resolvedAt", ${epochMs('e', 'reopened_at')} AS "reopenedAt", ${epochMs('e', 'closed_at')} AS "closedAt",
            (SELECT count(*) FROM ticket_facts f WHERE ${chosen})::int AS total
       FROM bounds b
      CROSS JOIN LATERAL (
              -- OFFSET 0 keeps this a scan of the index per level rather than a join the planner sorts whole.
              SELECT f.ticket_id, f.number, f.project_code, f.item_code, f.owner_id, f.escalation_level, f.major_complaint, f.grade,
                     f.opened_at, f.resolved_at, f.reopened_at, f.closed_at
                FROM ticket_facts f
               WHERE f.escalation_level = b.level AND ${chosen} AND f.opened_at < b.until
              OFFSET 0) e
      ORDER BY ${order}
      LIMIT $3::int`,
    params,
  );
  return {
    total: rows[0]?.total ?? 0,
    tickets: rows.map(({ total: _total, ...r }) => ({ ...r, openedAt: new Date(r.openedAt), resolvedAt: dateOf(r.resolvedAt), reopenedAt: dateOf(r.reopenedAt), closedAt: dateOf(r.closedAt) })),
  };
}

/** Tickets opened in [from, to) in the given projects (undefined: all), counted by section, channel and project; merged duplicates left out. */
export async function countOpened(db: Queryable, period: { from: Date; to: Date }, projects: readonly string[] | undefined): Promise<OpenedCount[]> {
  const params: unknown[] = [period.from, period.to];
  return selectRows(
    db,
    OpenedCountRow,
    `SELECT coalesce(section_code, 'unclassified') AS section, channel, coalesce(project_code, 'none') AS project,
            count(*)::int AS n
       FROM ticket_facts
      WHERE opened_at >= $1 AND opened_at < $2 AND merged_into IS NULL
        AND ${projectCondition('project_code', projects, params)}
      GROUP BY 1, 2, 3`,
    params,
  );
}
