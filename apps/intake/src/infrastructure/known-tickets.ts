import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { execute, projectCondition, Queryable, SelectPart, selectPart, selectRows, sendAhead, type WritePart } from '@cs/persistence';
import type { KnownTicket } from '../domain/contact-routing';
import { survivorsOf } from './customer-survivors';
import type { DeskTicket } from '../domain/desk-ticket';

const KnownTicketRow = Type.Object({
  ticket_id: Type.String(),
  customer_id: Type.String(),
  item_code: Type.Union([Type.String(), Type.Null()]),
  project_code: Type.Union([Type.String(), Type.Null()]),
  open: Type.Boolean(),
  opened_at: Type.Date(),
});

/** A ticket as `ticket.created` announced it. */
export interface OpenedTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly customerId: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly openedAt: string;
  readonly nextDueAt?: string;
}

/**
 * Intake's projection of tickets, from the tickets service's events: enough to link follow-ups.
 * Remembers opened tickets in one statement; one already known (a later event of it came first)
 * gains its number, and its deadline if no event set one. A ticket named twice goes one by one,
 * in order: a statement cannot change a row twice.
 */
export async function rememberTickets(tx: Queryable, tickets: readonly OpenedTicket[]): Promise<void> {
  await inStatementsOfDistinctTickets(tickets, (batch) => writeOpenings(tx, batch));
}

/** Writes `items` in one statement when no ticket comes twice, else one by one in their order: a statement cannot change a row twice. */
async function inStatementsOfDistinctTickets<T extends { readonly ticketId: string }>(
  items: readonly T[],
  write: (items: readonly T[]) => Promise<void>,
): Promise<void> {
  if (items.length === 0) return;
  if (new Set(items.map((i) => i.ticketId)).size < items.length) {
    for (const item of items) await write([item]);
    return;
  }
  await write(items);
}

/** The columns an opening and a change both carry, as `jsonb_to_recordset` reads them. */
const ticketColumns = (t: Pick<OpenedTicket, 'ticketId' | 'number' | 'customerId' | 'itemCode' | 'projectCode' | 'nextDueAt'>) => ({
  ticket_id: t.ticketId,
  number: t.number,
  customer_id: t.customerId,
  item_code: t.itemCode ?? null,
  project_code: t.projectCode ?? null,
  next_due_at: t.nextDueAt ?? null,
});

/**
 * The tickets, each under the customer that carries it now: a customer is followed through merges
 * to the survivor. Intake moves a duplicate's tickets at the merge, and an event the tickets
 * service published before it heard of the merge still names the duplicate (left there, the
 * survivor's next call would miss the open matter). `given` is the events' recordset.
 */
function ofSurvivingCustomers(given: string): string {
  return `WITH RECURSIVE given AS (${given}),
     ${survivorsOf('survivors', 'SELECT DISTINCT customer_id, 0 FROM given')},
     c AS (SELECT g.*, COALESCE(s.id, g.customer_id) AS carrier FROM given g LEFT JOIN survivors s ON s.start = g.customer_id)`;
}

async function writeOpenings(tx: Queryable, tickets: readonly OpenedTicket[]): Promise<void> {
  await sendAhead(
    tx,
    `${ofSurvivingCustomers(`SELECT * FROM jsonb_to_recordset($1::jsonb) AS t (ticket_id uuid, number text, customer_id uuid, item_code text, project_code text,
            opened_at timestamptz, next_due_at timestamptz)`)}
     INSERT INTO known_tickets (ticket_id, number, customer_id, item_code, project_code, open, opened_at, status, next_due_at, last_event_at)
     SELECT c.ticket_id, c.number, c.carrier, c.item_code, c.project_code, true, c.opened_at, 'new', c.next_due_at, c.opened_at FROM c
     ON CONFLICT (ticket_id) DO UPDATE SET number = excluded.number,
       next_due_at = CASE WHEN known_tickets.last_event_at IS NULL THEN excluded.next_due_at ELSE known_tickets.next_due_at END,
       last_event_at = COALESCE(known_tickets.last_event_at, excluded.last_event_at)`,
    [
      JSON.stringify(
        tickets.map((t) => ({ ...ticketColumns(t), opened_at: t.openedAt })),
      ),
    ],
  );
}

/** A ticket as one of its events left it. */
export interface TicketChange {
  readonly ticketId: string;
  readonly number: string;
  readonly customerId: string;
  readonly status: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly nextDueAt?: string;
  readonly slaState?: string;
  readonly at: string;
}

/**
 * Follows a ticket through its events. An event older than the last one applied (a replay from
 * the dead-letter topic) changes nothing; an event that names no SLA state leaves it as it was.
 */
export async function followTicket(tx: EntityManager, change: TicketChange): Promise<void> {
  await followTickets(tx, [change]);
}

/**
 * `followTicket` for many changes: one statement when they are of different tickets (a burst of
 * SLA warnings), else one per change in their order — a statement cannot change a row twice.
 */
export async function followTickets(tx: EntityManager, changes: readonly TicketChange[]): Promise<void> {
  await inStatementsOfDistinctTickets(changes, (batch) => writeChanges(tx, batch));
}

async function writeChanges(tx: EntityManager, changes: readonly TicketChange[]): Promise<void> {
  // The update and the insert of tickets not known yet read the table as the statement began.
  await sendAhead(
    tx,
    `${ofSurvivingCustomers(`SELECT * FROM jsonb_to_recordset($1::jsonb) AS g (ticket_id uuid, number text, customer_id uuid, item_code text, project_code text, status text,
              next_due_at timestamptz, sla_state text, at timestamptz)`)},
     followed AS (
       UPDATE known_tickets k SET number = c.number, customer_id = c.carrier, item_code = c.item_code, project_code = c.project_code,
              open = c.status NOT IN ('resolved', 'closed'), status = c.status, next_due_at = c.next_due_at,
              sla_state = COALESCE(c.sla_state, k.sla_state), last_event_at = c.at
         FROM c WHERE k.ticket_id = c.ticket_id AND (k.last_event_at IS NULL OR k.last_event_at <= c.at)
     )
     INSERT INTO known_tickets (ticket_id, number, customer_id, item_code, project_code, open, opened_at, status, next_due_at, sla_state, last_event_at)
     SELECT c.ticket_id, c.number, c.carrier, c.item_code, c.project_code, c.status NOT IN ('resolved', 'closed'), c.at, c.status, c.next_due_at,
            COALESCE(c.sla_state, 'on_track'), c.at
       FROM c WHERE NOT EXISTS (SELECT 1 FROM known_tickets k WHERE k.ticket_id = c.ticket_id)`,
    [
      JSON.stringify(
        changes.map((c) => ({ ...ticketColumns(c), status: c.status, sla_state: c.slaState ?? null, at: c.at })),
      ),
    ],
  );
}

/** 工单合并 — the ticket was merged into another: it is closed, and points to the survivor. */
export async function rememberMerge(tx: EntityManager, ticketId: string, survivorTicketId: string): Promise<void> {
  await execute(tx, 'UPDATE known_tickets SET merged_into = $2 WHERE ticket_id = $1', [ticketId, survivorTicketId]);
}

const SurvivorRow = Type.Object({ ticket_id: Type.String() });

/** The ticket that carries a matter now: the one named, or the one it was merged into (through every merge since). */
export async function survivingTicket(tx: EntityManager, ticketId: string): Promise<string> {
  const rows = await selectRows(
    tx,
    SurvivorRow,
    `WITH RECURSIVE chain (ticket_id, merged_into, depth) AS (
       SELECT ticket_id, merged_into, 0 FROM known_tickets WHERE ticket_id = $1
       UNION ALL
       SELECT k.ticket_id, k.merged_into, c.depth + 1 FROM known_tickets k JOIN chain c ON k.ticket_id = c.merged_into WHERE c.depth < 32
     )
     SELECT ticket_id::text FROM chain ORDER BY depth DESC LIMIT 1`,
    [ticketId],
  );
  return rows[0]?.ticket_id ?? ticketId;
}

/** Which of a customer's matters in the given projects are still open. */
export async function openTicketsOf(tx: EntityManager, customerId: string, projects: readonly string[] | undefined): Promise<KnownTicket[]> {
  const params: unknown[] = [customerId];
  const rows = await selectRows(
    tx,
    KnownTicketRow,
    `SELECT ticket_id::text, customer_id::text, item_code, project_code, open, opened_at FROM known_tickets
      WHERE customer_id = $1 AND open AND ${projectCondition('project_code', projects, params)}`,
    params,
  );
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    ...presentProps({ itemCode: r.item_code, projectCode: r.project_code }),
    open: r.open,
    openedAt: r.opened_at,
  }));
}

/** A matter intake opens, under the ticket id it names. */
export interface NewMatter {
  readonly ticketId: string;
  readonly customerId: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly openedAt: Date;
}

/**
 * A new matter is open from the moment intake records it, under the ticket id intake names: a
 * second contact about it is a follow-up even before the tickets service has opened the ticket.
 * The write remembering it, to send with others (`writeTogether`).
 */
export function newMatterPart(matter: NewMatter): WritePart {
  return (bind) =>
    `INSERT INTO known_tickets (ticket_id, customer_id, item_code, project_code, open, opened_at)
     VALUES (${bind(matter.ticketId)}, ${bind(matter.customerId)}, ${bind(matter.itemCode ?? null)}, ${bind(matter.projectCode ?? null)}, true, ${bind(matter.openedAt)})
     ON CONFLICT (ticket_id) DO NOTHING`;
}

const Found = Type.Object({ found: Type.Literal(1) });

/** Whether a ticket exists in the given projects: another project's ticket is as unknown as a made-up id. */
export async function ticketKnownIn(tx: EntityManager, ticketId: string, projects: readonly string[] | undefined): Promise<boolean> {
  const params: unknown[] = [ticketId];
  const rows = await selectRows(
    tx,
    Found,
    `SELECT 1 AS found FROM known_tickets WHERE ticket_id = $1 AND ${projectCondition('project_code', projects, params)}`,
    params,
  );
  return rows.length > 0;
}

export async function catalogueItemActive(tx: EntityManager, code: string): Promise<boolean> {
  const rows = await selectRows(tx, Found, 'SELECT 1 AS found FROM catalogue_items WHERE code = $1 AND active', [code]);
  return rows.length > 0;
}

const DeskTicketRow = Type.Object({
  ticket_id: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  customer_id: Type.String(),
  status: Type.String(),
  item_code: Type.Union([Type.String(), Type.Null()]),
  project_code: Type.Union([Type.String(), Type.Null()]),
  opened_at: Type.Date(),
  next_due_at: Type.Union([Type.Date(), Type.Null()]),
  sla_state: Type.Union([Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('breached')]),
});

/**
 * The open tickets of several customers in the given projects, nearest deadline first (at most
 * 200): a part of the caller desk's one read (`selectTogether`).
 */
export function openTicketsForDesk(
  params: unknown[],
  customerIds: readonly string[],
  projects: readonly string[] | undefined,
): SelectPart<DeskTicket & { customerId: string }> {
  const ids = `$${params.push(customerIds)}::uuid[]`;
  return selectPart(
    DeskTicketRow,
    `SELECT ticket_id::text, number, customer_id::text, status, item_code, project_code, opened_at, next_due_at, sla_state FROM known_tickets
      WHERE customer_id = ANY(${ids}) AND open AND ${projectCondition('project_code', projects, params)}
      ORDER BY next_due_at ASC NULLS LAST, opened_at DESC, ticket_id LIMIT 200`,
    'next_due_at ASC NULLS LAST, opened_at DESC, ticket_id',
    (r) => ({
      ticketId: r.ticket_id,
      customerId: r.customer_id,
      ...(r.number ? { number: r.number } : {}),
      status: r.status,
      ...(r.item_code ? { itemCode: r.item_code } : {}),
      ...(r.project_code ? { projectCode: r.project_code } : {}),
      openedAt: r.opened_at,
      ...(r.next_due_at ? { nextDueAt: r.next_due_at } : {}),
      slaState: r.sla_state,
    }),
  );
}

/** A merged duplicate's tickets are the survivor's, as the tickets service now says too. */
export async function moveTicketsToCustomer(tx: Queryable, fromCustomerId: string, toCustomerId: string): Promise<void> {
  await execute(tx, 'UPDATE known_tickets SET customer_id = $2 WHERE customer_id = $1', [fromCustomerId, toCustomerId]);
}
