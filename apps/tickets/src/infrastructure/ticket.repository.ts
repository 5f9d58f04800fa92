import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, PromiseTier } from '@cs/contracts';
import { DomainError, presentProps } from '@cs/ddd';
import type { HistoryAction } from '../domain/history-actions';
import type { ItemPlace } from '../domain/catalogue';
import type { ClockPause, SlaClock } from '../domain/sla-clock';
import type { ScheduledOrigin, Ticket, TicketStatus } from '../domain/ticket';
import type { Visibility } from '../domain/ticket-access';
import { CALLBACK_REOPEN_REASON, CALLBACK_WORDS_AFTER } from '../domain/ticket-decide';
import type { EscalationLevel, Grade, Priority, Validity } from '../domain/ticket-lifecycle';
import { Type, type Static } from '@sinclair/typebox';
import { changedRows, execute, lockedInOrder, Nullable, Queryable, selectRow, selectRows, type WritePart, writeTogether } from '@cs/persistence';
import { HandlingColumns, handlingFromRow, handlingParameters } from './ticket-handling-columns';

const OpenTicketIdRow = Type.Object({ id: Type.String() });
const Text = Type.String();
const OptionalText = Nullable(Type.String());
const OptionalInstant = Nullable(Type.Date());
/** A column holding one of a closed set the domain names; the check constraint keeps it so. */
const Literal = <T extends string>() => Type.Unsafe<T>(Type.String());

const TicketRow = Type.Object({
  id: Text,
  number: Text,
  contact_id: Text,
  customer_id: Text,
  customer_name: Text,
  channel: Literal<Channel>(),
  section_code: OptionalText,
  item_code: OptionalText,
  project_code: OptionalText,
  building: OptionalText,
  room: OptionalText,
  record_place: Nullable(Literal<ItemPlace>()),
  record_place_item: OptionalText,
  owner_id: Text,
  status: Literal<TicketStatus>(),
  validity: Literal<Validity>(),
  grade: Literal<Grade>(),
  priority: Literal<Priority>(),
  department: OptionalText,
  handler: OptionalText,
  reopen_count: Type.Integer(),
  extension_count: Type.Integer(),
  escalation_level: Type.Integer(),
  repeat_contact_count: Type.Integer(),
  first_replied_at: OptionalInstant,
  dispatched_at: OptionalInstant,
  on_site_at: OptionalInstant,
  resolution: OptionalText,
  resolved_at: OptionalInstant,
  closed_at: OptionalInstant,
  promised_reply: Nullable(Literal<PromiseTier>()),
  policy_id: OptionalText,
  clocks: Type.Unsafe<StoredClock[]>(Type.Array(Type.Object({ kind: Type.String(), startedAt: Type.String() }))),
  next_due_at: OptionalInstant,
  occurred_at: Type.Date(),
  created_at: Type.Date(),
  version: Type.Integer(),
  incident_id: OptionalText,
  reopens_when_joined: Nullable(Type.Integer()),
  ...HandlingColumns,
  merged_into: OptionalText,
  origin: Nullable(Type.Unsafe<ScheduledOrigin>(Type.Object({ kind: Type.Literal('schedule'), scheduleId: Type.String(), occurrenceOn: Type.String() }))),
});
type TicketRow = Static<typeof TicketRow>;
/** The columns a ticket is read from, named rather than `*`, so the reads can be prepared statements (ADR 0045). */
const TICKET_COLUMNS = Object.keys(TicketRow.properties).join(', ');

/** The columns a decision may change, as `updateAll` writes them and a new ticket starts with them. */
const CHANGING = {
  status: 'text',
  validity: 'text',
  grade: 'text',
  priority: 'text',
  department: 'text',
  handler: 'text',
  reopen_count: 'integer',
  extension_count: 'integer',
  escalation_level: 'integer',
  first_replied_at: 'timestamptz',
  dispatched_at: 'timestamptz',
  on_site_at: 'timestamptz',
  resolution: 'text',
  resolved_at: 'timestamptz',
  closed_at: 'timestamptz',
  promised_reply: 'text',
  clocks: 'jsonb',
  next_due_at: 'timestamptz',
  breached: 'boolean',
  repeat_contact_count: 'integer',
} as const;
const CHANGING_COLUMNS = Object.keys(CHANGING).join(', ');
const CHANGING_COLUMN_TYPES = Object.entries(CHANGING)
  .map(([column, type]) => `${column} ${type}`)
  .join(', ');

function changingColumns(t: Ticket, nextDueAt: Date | undefined): Record<keyof typeof CHANGING, unknown> {
  return {
    status: t.status,
    validity: t.validity,
    grade: t.grade,
    priority: t.priority,
    department: t.department ?? null,
    handler: t.handler ?? null,
    reopen_count: t.reopenCount,
    extension_count: t.extensionCount,
    escalation_level: t.escalationLevel,
    first_replied_at: t.firstRepliedAt ?? null,
    dispatched_at: t.dispatchedAt ?? null,
    on_site_at: t.onSiteAt ?? null,
    resolution: t.resolution ?? null,
    resolved_at: t.resolvedAt ?? null,
    closed_at: t.closedAt ?? null,
    promised_reply: t.promisedReply ?? null,
    clocks: t.clocks.map(toStored),
    next_due_at: nextDueAt ?? null,
    breached: t.clocks.some((c) => c.breachedAt !== undefined),
    repeat_contact_count: t.repeatContactCount,
  };
}
const UpdatedRow = Type.Object({ id: Text, version: Type.Integer() });
const CountRow = Type.Object({ status: Literal<TicketStatus>(), grade: Literal<Grade>(), escalation_level: Type.Integer(), n: Type.Integer() });
const HistoryRow = Type.Object({
  at: Type.Date(),
  actor: Text,
  // Not checked against the actions this release knows: while a newer one rolls out, a ticket's
  // history may hold an action it added, and the ticket must still be read (it is shown as it is).
  action: Literal<HistoryAction>(),
  details: Type.Unsafe<object>(Type.Object({})),
});

/** A clock as JSON: instants as ISO strings. */
export type StoredClock = Omit<SlaClock, 'startedAt' | 'pauses' | 'extensions' | 'metAt' | 'breachedAt'> & {
  startedAt: string;
  pauses: { from: string; to?: string }[];
  extensions: (Omit<SlaClock['extensions'][number], 'customerInformedAt' | 'at'> & { customerInformedAt: string; at: string })[];
  metAt?: string;
  breachedAt?: string;
};

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function toStored(clock: SlaClock): StoredClock {
  const { metAt: _metAt, breachedAt: _breachedAt, ...rest } = clock;
  return {
    ...rest,
    startedAt: clock.startedAt.toISOString(),
    pauses: clock.pauses.map((p) => ({ from: p.from.toISOString(), ...(p.to ? { to: p.to.toISOString() } : {}) })),
    extensions: clock.extensions.map((e) => ({ ...e, customerInformedAt: e.customerInformedAt.toISOString(), at: e.at.toISOString() })),
    ...(clock.metAt ? { metAt: clock.metAt.toISOString() } : {}),
    ...(clock.breachedAt ? { breachedAt: clock.breachedAt.toISOString() } : {}),
  };
}

export function fromStored(clock: StoredClock): SlaClock {
  const { metAt, breachedAt, ...rest } = clock;
  return {
    ...rest,
    startedAt: new Date(clock.startedAt),
    pauses: clock.pauses.map((p): ClockPause => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
    extensions: clock.extensions.map((e) => ({ ...e, customerInformedAt: new Date(e.customerInformedAt), at: new Date(e.at) })),
    ...(metAt ? { metAt: new Date(metAt) } : {}),
    ...(breachedAt ? { breachedAt: new Date(breachedAt) } : {}),
  };
}

/** The place a ticket's item asked for, with the item it was read for. */
const recordPlaceColumns = (t: Ticket) => ({ record_place: t.recordPlace ?? null, record_place_item: t.recordPlace ? (t.itemCode ?? null) : null });

function fromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    contactId: row.contact_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    channel: row.channel,
    ...presentProps({ sectionCode: row.section_code, itemCode: row.item_code }),
    unit: presentProps({ projectCode: row.project_code, building: row.building, room: row.room }),
    // A place read for another item than the ticket's (amended by a replica of the release before) is not its item's.
    ...presentProps({ recordPlace: row.record_place_item === row.item_code ? row.record_place : null }),
    ownerId: row.owner_id,
    status: row.status,
    validity: row.validity,
    grade: row.grade,
    priority: row.priority,
    department: opt(row.department),
    handler: opt(row.handler),
    reopenCount: row.reopen_count,
    extensionCount: row.extension_count,
    escalationLevel: row.escalation_level as EscalationLevel,
    repeatContactCount: row.repeat_contact_count,
    firstRepliedAt: opt(row.first_replied_at),
    dispatchedAt: opt(row.dispatched_at),
    ...presentProps({ onSiteAt: row.on_site_at }),
    resolution: opt(row.resolution),
    resolvedAt: opt(row.resolved_at),
    closedAt: opt(row.closed_at),
    promisedReply: opt(row.promised_reply),
    policyId: opt(row.policy_id),
    clocks: row.clocks.map(fromStored),
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    version: row.version,
    ...presentProps({ incidentId: row.incident_id, reopensWhenJoined: row.reopens_when_joined }),
    ...handlingFromRow(row),
    ...presentProps({ mergedInto: row.merged_into, origin: row.origin }),
  };
}

/** One entry of a ticket's history, as the API shows it. */
export interface HistoryEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: HistoryAction;
  readonly details: object;
}

/** One entry to add to a ticket's history. */
export interface NewHistoryEntry {
  readonly ticketId: string;
  readonly at: Date;
  readonly actor: string;
  readonly action: HistoryAction;
  readonly details: object;
}

/** Which tickets a list asks for; every criterion given must hold. */
export interface TicketCriteria {
  readonly status?: readonly string[];
  readonly section?: string;
  readonly item?: string;
  readonly department?: string;
  readonly assignee?: string;
  readonly project?: string;
  readonly customer?: string;
  readonly breached?: boolean;
  readonly dueBefore?: Date;
  readonly contactId?: string;
  readonly grade?: Grade;
  readonly escalationLevel?: EscalationLevel;
  /** 首问责任人 */
  readonly owner?: string;
  /** A user who owns or handles the ticket (`mine=true`). */
  readonly ownerOrHandler?: string;
  /** Overdue, or not, at `asOf`. */
  readonly overdue?: boolean;
  /** Not overdue at `asOf`, but due within this many minutes of it. */
  readonly dueWithinMinutes?: number;
  /** The instant `overdue` and `dueWithinMinutes` are judged at. */
  readonly asOf?: Date;
  /** Visibility (`visibilityOf`), so pages are full. */
  readonly visibleTo: Visibility;
}

/** How many tickets share a status, grade and escalation level. */
export interface TicketCount {
  readonly status: TicketStatus;
  readonly grade: Grade;
  readonly escalationLevel: EscalationLevel;
  readonly count: number;
}

/** Where a page ended: the sort key of its last ticket (null: no due date) and its id. */
export interface PagePosition {
  readonly key: string | null;
  readonly id: string;
}

export interface TicketPageQuery {
  readonly criteria: TicketCriteria;
  readonly sort: 'due' | 'created';
  readonly after?: PagePosition;
  readonly limit: number;
}

const TICKET_SORTS = {
  due: { key: 'next_due_at', order: 'next_due_at ASC NULLS LAST, id ASC' },
  created: { key: 'created_at', order: 'created_at DESC, id DESC' },
} as const;

/** Still being worked on (OPEN_STATUSES): a deadline of one of these can be overdue. */
const OPEN_SQL = `status IN ('new', 'dispatched', 'in_progress', 'awaiting_customer')`;
/**
 * Overdue: an open ticket past its nearest deadline, or with a clock that breached and was
 * never met — `next_due_at` skips breached clocks, so it alone would forget them.
 */
const OVERDUE_SQL = `(${OPEN_SQL} AND (COALESCE(next_due_at < ?::timestamptz, false) OR jsonb_path_exists(clocks, '$[*] ? (exists(@.breachedAt) && !exists(@.metAt))')))`;

/** The supervisor's queue filters (ADR 0022). */
function queueConditions(c: TicketCriteria, add: (sql: string, value: unknown) => void): void {
  if (c.grade) add('grade = ?', c.grade);
  if (c.escalationLevel !== undefined) add('escalation_level = ?', c.escalationLevel);
  if (c.owner) add('owner_id = ?', c.owner);
  if (c.ownerOrHandler) add('? IN (owner_id, handler)', c.ownerOrHandler);
  const asOf = c.asOf ?? new Date();
  if (c.overdue !== undefined) add(c.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`, asOf);
  if (c.dueWithinMinutes !== undefined) {
    // A ticket awaiting the customer has its clocks stopped: nothing of it comes due.
    add(`NOT ${OVERDUE_SQL}`, asOf);
    add(`(status IN ('new', 'dispatched', 'in_progress') AND next_due_at < ?::timestamptz)`, new Date(asOf.getTime() + c.dueWithinMinutes * 60_000));
  }
}

/** The criteria as SQL conditions with their parameters; every list and count goes through here. */
function criteriaConditions(c: TicketCriteria): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (c.status?.length) add('status = ANY(?)', c.status);
  if (c.section) add('section_code = ?', c.section);
  if (c.item) add('item_code = ?', c.item);
  if (c.department) add('department = ?', c.department);
  if (c.assignee) add('handler = ?', c.assignee);
  if (c.project) add('project_code = ?', c.project);
  if (c.customer) add('customer_id = ?::uuid', c.customer);
  if (c.breached !== undefined) add('breached = ?', c.breached);
  if (c.dueBefore) add('next_due_at < ?', c.dueBefore);
  if (c.contactId) add('id IN (SELECT ticket_id FROM ticket_contacts WHERE contact_id = ?::uuid)', c.contactId);
  queueConditions(c, add);
  if (c.visibleTo.department !== undefined) add('department = ?', c.visibleTo.department);
  if (c.visibleTo.projects) add('(project_code IS NULL OR project_code = ANY(?))', c.visibleTo.projects);
  return { where, params };
}

const whereClause = (where: readonly string[]): string => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/**
 * A page's statement, its last parameter the number of rows. Each is read in order from an index
 * (ADR 0099): after a ticket with a due time, the tickets due later and then those with none, as
 * two ordered reads merged, since one condition saying "later, or none" can start no index range
 * and read every ticket before the position to skip them.
 */
function pageStatement(query: TicketPageQuery): { sql: string; params: unknown[] } {
  const { where, params } = criteriaConditions(query.criteria);
  const sort = TICKET_SORTS[query.sort];
  const after = query.after;
  const limit = () => `$${params.push(query.limit + 1)}`;
  if (!after) return { sql: `SELECT * FROM tickets ${whereClause(where)} ORDER BY ${sort.order} LIMIT ${limit()}`, params };
  if (query.sort === 'created') {
    const position = `(created_at, id) < ($${params.push(after.key)}::timestamptz, $${params.push(after.id)}::uuid)`;
    return { sql: `SELECT * FROM tickets ${whereClause([...where, position])} ORDER BY ${sort.order} LIMIT ${limit()}`, params };
  }
  const ip = `$${params.push(after.id)}`;
  if (after.key === null) {
    return { sql: `SELECT * FROM tickets ${whereClause([...where, `next_due_at IS NULL AND id > ${ip}::uuid`])} ORDER BY ${sort.order} LIMIT ${limit()}`, params };
  }
  const kp = `$${params.push(after.key)}`;
  const n = limit();
  const later = `SELECT * FROM tickets ${whereClause([...where, `(next_due_at, id) > (${kp}::timestamptz, ${ip}::uuid)`])} ORDER BY ${sort.order} LIMIT ${n}`;
  const undated = `SELECT * FROM tickets ${whereClause([...where, 'next_due_at IS NULL'])} ORDER BY ${sort.order} LIMIT ${n}`;
  return { sql: `SELECT * FROM ((${later}) UNION ALL (${undated})) page ORDER BY ${sort.order} LIMIT ${n}`, params };
}

/** Tickets in and out of the `tickets` table; every method runs in the caller's transaction. */
@Injectable()
export class TicketRepository {
  async find(tx: Queryable, id: string, lock = false): Promise<Ticket | undefined> {
    const row = await selectRow(tx, TicketRow, `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? fromRow(row) : undefined;
  }

  /** Those of the tickets that exist, by id; locked in id order when `lock`, so two callers never deadlock. */
  async findAll(tx: EntityManager, ids: readonly string[], lock = false): Promise<Map<string, Ticket>> {
    if (ids.length === 0) return new Map();
    const rows = await selectRows(tx, TicketRow, `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id ${lock ? 'FOR UPDATE' : ''}`, [ids]);
    return new Map(rows.map((r) => [r.id, fromRow(r)]));
  }

  async get(tx: EntityManager, id: string, lock = false): Promise<Ticket> {
    const ticket = await this.find(tx, id, lock);
    if (!ticket) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${id} not found`);
    return ticket;
  }

  /**
   * Open tickets with a clock counted by this calendar, by id after `afterId`: a resumable walk in
   * batches. It reads the open tickets' index in order from the cursor and checks each one's
   * clocks; no index covers `clocks`, which a warning changes (ADR 0063). Ordered by the uuid
   * column, not the text the select names `id`, so the index gives the order and no batch sorts
   * every open ticket.
   */
  async openUsingCalendar(tx: EntityManager, calendarId: string, afterId: string | undefined, limit: number): Promise<string[]> {
    const rows = await selectRows(
      tx,
      OpenTicketIdRow,
      `SELECT id::text FROM tickets
        WHERE status NOT IN ('resolved', 'closed')
          ${afterId === undefined ? '' : 'AND id > $3::uuid'}
          AND clocks @> jsonb_build_array(jsonb_build_object('calendarId', $1::text))
        ORDER BY tickets.id LIMIT $2`,
      afterId === undefined ? [calendarId, limit] : [calendarId, limit, afterId],
    );
    return rows.map((r) => r.id);
  }

  /** Those of the tickets no one else holds, locked, at most `limit`, in the order given (a due-work loop's batch). */
  async tryLockAll(tx: EntityManager, ids: readonly string[], limit: number): Promise<Ticket[]> {
    return (await selectRows(tx, TicketRow, lockedInOrder('tickets'), [ids, limit])).map(fromRow);
  }

  async insert(tx: EntityManager, t: Ticket, nextDueAt: Date | undefined): Promise<void> {
    await writeTogether(tx, [this.insertAllPart([{ ticket: t, nextDueAt }])]);
  }

  /** New tickets, any number: a part of a statement written with others (`writeTogether`); none when there are none. */
  insertAllPart(created: readonly { readonly ticket: Ticket; readonly nextDueAt: Date | undefined }[]): WritePart | undefined {
    if (created.length === 0) return undefined;
    const rows = created.map(({ ticket: t, nextDueAt }) => ({
      id: t.id,
      number: t.number,
      contact_id: t.contactId,
      customer_id: t.customerId,
      customer_name: t.customerName,
      channel: t.channel,
      section_code: t.sectionCode ?? null,
      item_code: t.itemCode ?? null,
      project_code: t.unit.projectCode ?? null,
      building: t.unit.building ?? null,
      room: t.unit.room ?? null,
      ...recordPlaceColumns(t),
      owner_id: t.ownerId,
      policy_id: t.policyId ?? null,
      occurred_at: t.occurredAt,
      created_at: t.createdAt,
      version: t.version,
      ...changingColumns(t, nextDueAt),
    }));
    return (bind) =>
      `INSERT INTO tickets (id, number, contact_id, customer_id, customer_name, channel, section_code, item_code, project_code,
                            building, room, record_place, record_place_item, owner_id, policy_id, occurred_at, created_at, version, ${CHANGING_COLUMNS})
       SELECT id, number, contact_id, customer_id, customer_name, channel, section_code, item_code, project_code,
              building, room, record_place, record_place_item, owner_id, policy_id, occurred_at, created_at, version, ${CHANGING_COLUMNS}
         FROM ROWS FROM (jsonb_to_recordset(${bind(JSON.stringify(rows))}::jsonb) AS (
              id uuid, number text, contact_id uuid, customer_id uuid, customer_name text, channel text, section_code text, item_code text,
              project_code text, building text, room text, record_place text, record_place_item text, owner_id text, policy_id text, occurred_at timestamptz, created_at timestamptz,
              version integer, ${CHANGING_COLUMN_TYPES})) WITH ORDINALITY AS t
        ORDER BY ordinality`;
  }

  /** Saves a changed ticket and returns its new version. */
  async update(tx: EntityManager, t: Ticket, nextDueAt: Date | undefined): Promise<number> {
    return (await this.updateAll(tx, [{ ticket: t, nextDueAt }])).get(t.id)!;
  }

  /** Saves changed tickets in one statement, however many; returns each one's new version by id. */
  async updateAll(tx: EntityManager, changes: readonly { readonly ticket: Ticket; readonly nextDueAt: Date | undefined }[]): Promise<Map<string, number>> {
    if (changes.length === 0) return new Map();
    const rows = changes.map(({ ticket: t, nextDueAt }) => ({ id: t.id, ...changingColumns(t, nextDueAt) }));
    const updated = await changedRows(
      tx,
      UpdatedRow,
      `UPDATE tickets t SET status = v.status, validity = v.validity, grade = v.grade, priority = v.priority, department = v.department,
              handler = v.handler, reopen_count = v.reopen_count, extension_count = v.extension_count, escalation_level = v.escalation_level,
              first_replied_at = v.first_replied_at, dispatched_at = v.dispatched_at, on_site_at = v.on_site_at, resolution = v.resolution, resolved_at = v.resolved_at,
              closed_at = v.closed_at, promised_reply = v.promised_reply, clocks = v.clocks, next_due_at = v.next_due_at,
              breached = t.breached OR v.breached, repeat_contact_count = v.repeat_contact_count, version = t.version + 1
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, ${CHANGING_COLUMN_TYPES})
        WHERE t.id = v.id RETURNING t.id::text, t.version`,
      [JSON.stringify(rows)],
    );
    return new Map(updated.map((r) => [r.id, r.version]));
  }

  /**
   * Moves the next due time of tickets whose clocks did not change (timers planned again after a
   * calendar change), keeping their version: an ETag a reader holds stays valid.
   */
  async moveNextDue(tx: EntityManager, changes: readonly { readonly ticketId: string; readonly nextDueAt: Date | undefined }[]): Promise<void> {
    if (changes.length === 0) return;
    await execute(
      tx,
      `UPDATE tickets t SET next_due_at = v.next_due_at
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, next_due_at timestamptz)
        WHERE t.id = v.id AND t.next_due_at IS DISTINCT FROM v.next_due_at`,
      [JSON.stringify(changes.map((c) => ({ id: c.ticketId, next_due_at: c.nextDueAt ?? null })))],
    );
  }

  /** Saves a suggestion's handling and a complaint's research, which leave the rest of the row to `update`. */
  async saveHandling(tx: EntityManager, t: Ticket): Promise<void> {
    await execute(tx, 'UPDATE tickets SET answer_id = $2, suggestion = $3, opinions = $4, approved_reply = $5 WHERE id = $1', [
      t.id,
      ...handlingParameters(t),
    ]);
  }

  /** Saves an amended record (补录: item, building, room), which leaves the rest of the row to `update`. */
  async saveRecord(tx: EntityManager, t: Ticket): Promise<void> {
    const place = recordPlaceColumns(t);
    await execute(tx, 'UPDATE tickets SET section_code = $2, item_code = $3, building = $4, room = $5, record_place = $6, record_place_item = $7 WHERE id = $1', [
      t.id,
      t.sectionCode ?? null,
      t.itemCode ?? null,
      t.unit.building ?? null,
      t.unit.room ?? null,
      place.record_place,
      place.record_place_item,
    ]);
  }

  /** Saves the incident a ticket joined, which leaves the rest of the row to `update`. */
  async saveIncident(tx: EntityManager, t: Ticket): Promise<void> {
    await execute(tx, 'UPDATE tickets SET incident_id = $2, reopens_when_joined = $3 WHERE id = $1', [t.id, t.incidentId ?? null, t.reopensWhenJoined ?? null]);
  }

  /**
   * Saves what a follow-up contact changes (its count, a new version), leaving the clocks and
   * deadlines as they are: a part of a statement written with others (`writeTogether`).
   */
  repeatContactsPart(t: Ticket): WritePart {
    return (bind) => `UPDATE tickets SET repeat_contact_count = ${bind(t.repeatContactCount)}, version = version + 1 WHERE id = ${bind(t.id)}`;
  }

  /** History entries of any number of tickets, in the order given: a part of a statement written with others (`writeTogether`); none when there are none. */
  historiesPart(entries: readonly NewHistoryEntry[]): WritePart | undefined {
    if (entries.length === 0) return undefined;
    return (bind) =>
      `INSERT INTO ticket_history (ticket_id, at, actor, action, details)
       SELECT ticket_id, at, actor, action, details
         FROM ROWS FROM (jsonb_to_recordset(${bind(JSON.stringify(entries.map((e) => ({ ticket_id: e.ticketId, at: e.at, actor: e.actor, action: e.action, details: e.details }))))}::jsonb)
                AS (ticket_id uuid, at timestamptz, actor text, action text, details jsonb))
              WITH ORDINALITY AS e(ticket_id, at, actor, action, details, n)
        ORDER BY n`;
  }

  async history(tx: Queryable, ticketId: string): Promise<HistoryEntry[]> {
    const rows = await selectRows(
      tx,
      HistoryRow,
      'SELECT at, actor, action, details FROM ticket_history WHERE ticket_id = $1 ORDER BY id',
      [ticketId],
    );
    return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, action: r.action, details: r.details }));
  }

  /** A page of tickets in the asked order, and where the next page starts if there is one. */
  async page(db: Queryable, query: TicketPageQuery): Promise<{ tickets: Ticket[]; next?: PagePosition }> {
    const sort = TICKET_SORTS[query.sort];
    const { sql, params } = pageStatement(query);
    const rows = await selectRows(db, TicketRow, sql, params);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    const lastKey = last?.[sort.key];
    return {
      tickets: rows.slice(0, query.limit).map(fromRow),
      ...(last ? { next: { key: lastKey ? lastKey.toISOString() : null, id: last.id } } : {}),
    };
  }

  /** How many tickets meet the criteria, per status, grade and escalation level together. */
  async count(db: Queryable, criteria: TicketCriteria): Promise<TicketCount[]> {
    const { where, params } = criteriaConditions(criteria);
    const rows = await selectRows(
      db,
      CountRow,
      `SELECT status, grade, escalation_level, count(*)::int AS n FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY status, grade, escalation_level`,
      params,
    );
    return rows.map((r) => ({ status: r.status, grade: r.grade, escalationLevel: r.escalation_level as EscalationLevel, count: r.n }));
  }

  /** 周期工单 — the schedule occurrence a ticket was opened for; `insert` leaves it out. */
  async saveOrigin(tx: EntityManager, ticketId: string, origin: ScheduledOrigin): Promise<void> {
    await execute(tx, 'UPDATE tickets SET origin = $2 WHERE id = $1', [ticketId, JSON.stringify(origin)]);
  }

  /** 工单合并 — the duplicate points to the ticket that carries its matter on; `update` leaves the pointer alone. */
  async markMerged(tx: EntityManager, ticketId: string, survivorId: string): Promise<void> {
    await execute(tx, 'UPDATE tickets SET merged_into = $2 WHERE id = $1', [ticketId, survivorId]);
  }

  /** Tickets of a merged duplicate now belong to the surviving customer. */
  async reassignCustomer(tx: EntityManager, from: string, to: string): Promise<void> {
    await execute(tx, 'UPDATE tickets SET customer_id = $1 WHERE customer_id = $2', [to, from]);
  }

  /**
   * PIPL erasure: the customer's tickets keep only the pseudonym, and what was said on them (each
   * contact's summary, the demand shown on the ticket, their words at a dissatisfied callback in
   * the reason it reopened the ticket with) is wiped with it.
   */
  async forgetCustomer(tx: EntityManager, customerId: string, pseudonym: string): Promise<void> {
    await execute(tx, 'UPDATE tickets SET customer_name = $1 WHERE customer_id = $2', [pseudonym, customerId]);
    await execute(
      tx,
      `UPDATE ticket_contacts c SET summary = NULL FROM tickets t
        WHERE t.id = c.ticket_id AND t.customer_id = $1 AND c.summary IS NOT NULL`,
      [customerId],
    );
    await execute(
      tx,
      `UPDATE ticket_history h SET details = jsonb_set(h.details, '{reason}', to_jsonb($2::text)) FROM tickets t
        WHERE t.id = h.ticket_id AND t.customer_id = $1 AND h.action = 'reopen' AND starts_with(h.details->>'reason', $3)`,
      [customerId, CALLBACK_REOPEN_REASON, `${CALLBACK_REOPEN_REASON}${CALLBACK_WORDS_AFTER}`],
    );
  }
}
