import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, PromiseTier } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import type { ClockPause, SlaClock } from '../domain/sla-clock';
import type { Ticket, TicketStatus } from '../domain/ticket';
import type { EscalationLevel, Grade, Priority, Validity } from '../domain/ticket-lifecycle';

interface TicketRow {
  id: string;
  number: string;
  contact_id: string;
  customer_id: string;
  customer_name: string;
  channel: Channel;
  section_code: string | null;
  item_code: string | null;
  project_code: string | null;
  building: string | null;
  room: string | null;
  owner_id: string;
  status: TicketStatus;
  validity: Validity;
  grade: Grade;
  priority: Priority;
  department: string | null;
  handler: string | null;
  reopen_count: number;
  extension_count: number;
  escalation_level: number;
  repeat_contact_count: number;
  first_replied_at: Date | null;
  dispatched_at: Date | null;
  resolution: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  promised_reply: PromiseTier | null;
  policy_id: string | null;
  clocks: StoredClock[];
  occurred_at: Date;
  created_at: Date;
  version: number;
}

/** A clock as JSON: instants as ISO strings. */
type StoredClock = Omit<SlaClock, 'startedAt' | 'pauses' | 'extensions' | 'metAt' | 'breachedAt'> & {
  startedAt: string;
  pauses: { from: string; to?: string }[];
  extensions: (Omit<SlaClock['extensions'][number], 'customerInformedAt' | 'at'> & { customerInformedAt: string; at: string })[];
  metAt?: string;
  breachedAt?: string;
};

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function toStored(clock: SlaClock): StoredClock {
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

function fromStored(clock: StoredClock): SlaClock {
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

export function fromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    contactId: row.contact_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    channel: row.channel,
    ...(row.section_code ? { sectionCode: row.section_code } : {}),
    ...(row.item_code ? { itemCode: row.item_code } : {}),
    unit: {
      ...(row.project_code ? { projectCode: row.project_code } : {}),
      ...(row.building ? { building: row.building } : {}),
      ...(row.room ? { room: row.room } : {}),
    },
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
    resolution: opt(row.resolution),
    resolvedAt: opt(row.resolved_at),
    closedAt: opt(row.closed_at),
    promisedReply: opt(row.promised_reply),
    policyId: opt(row.policy_id),
    clocks: row.clocks.map(fromStored),
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** Tickets in and out of the `tickets` table; every method runs in the caller's transaction. */
@Injectable()
export class TicketRepository {
  async find(tx: EntityManager, id: string, lock = false): Promise<Ticket | undefined> {
    const [row] = (await tx.query(`SELECT * FROM tickets WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])) as TicketRow[];
    return row ? fromRow(row) : undefined;
  }

  async get(tx: EntityManager, id: string, lock = false): Promise<Ticket> {
    const ticket = await this.find(tx, id, lock);
    if (!ticket) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${id} not found`);
    return ticket;
  }

  /** The ticket row only if no one else holds it: the SLA timer loop never waits on a busy ticket. */
  async tryLock(tx: EntityManager, id: string): Promise<Ticket | undefined> {
    const [row] = (await tx.query('SELECT * FROM tickets WHERE id = $1 FOR UPDATE SKIP LOCKED', [id])) as TicketRow[];
    return row ? fromRow(row) : undefined;
  }

  async insert(tx: EntityManager, t: Ticket, nextDueAt: Date | undefined): Promise<void> {
    await tx.query(
      `INSERT INTO tickets (id, number, contact_id, customer_id, customer_name, channel, section_code, item_code, project_code,
                            building, room, owner_id, status, validity, grade, priority, promised_reply, policy_id, clocks,
                            next_due_at, occurred_at, created_at, version, escalation_level)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)`,
      [
        t.id, t.number, t.contactId, t.customerId, t.customerName, t.channel, t.sectionCode ?? null, t.itemCode ?? null,
        t.unit.projectCode ?? null, t.unit.building ?? null, t.unit.room ?? null, t.ownerId, t.status, t.validity, t.grade,
        t.priority, t.promisedReply ?? null, t.policyId ?? null, JSON.stringify(t.clocks.map(toStored)), nextDueAt ?? null,
        t.occurredAt, t.createdAt, t.version, t.escalationLevel,
      ],
    );
  }

  /** Saves a changed ticket and returns its new version. */
  async update(tx: EntityManager, t: Ticket, nextDueAt: Date | undefined): Promise<number> {
    const [rows] = (await tx.query(
      `UPDATE tickets SET status = $2, validity = $3, grade = $4, priority = $5, department = $6, handler = $7,
              reopen_count = $8, extension_count = $9, escalation_level = $10, first_replied_at = $11, dispatched_at = $12,
              resolution = $13, resolved_at = $14, closed_at = $15, promised_reply = $16, clocks = $17, next_due_at = $18,
              breached = breached OR $19, version = version + 1
        WHERE id = $1 RETURNING version`,
      [
        t.id, t.status, t.validity, t.grade, t.priority, t.department ?? null, t.handler ?? null, t.reopenCount,
        t.extensionCount, t.escalationLevel, t.firstRepliedAt ?? null, t.dispatchedAt ?? null, t.resolution ?? null,
        t.resolvedAt ?? null, t.closedAt ?? null, t.promisedReply ?? null, JSON.stringify(t.clocks.map(toStored)),
        nextDueAt ?? null, t.clocks.some((c) => c.breachedAt !== undefined),
      ],
    )) as [{ version: number }[], number];
    return rows[0]!.version;
  }

  async addHistory(tx: EntityManager, ticketId: string, at: Date, actor: string, action: string, details: object = {}): Promise<void> {
    await tx.query('INSERT INTO ticket_history (ticket_id, at, actor, action, details) VALUES ($1, $2, $3, $4, $5)', [
      ticketId,
      at,
      actor,
      action,
      JSON.stringify(details),
    ]);
  }

  async history(tx: EntityManager, ticketId: string): Promise<{ at: string; actor: string; action: string; details: object }[]> {
    const rows = (await tx.query('SELECT at, actor, action, details FROM ticket_history WHERE ticket_id = $1 ORDER BY id', [
      ticketId,
    ])) as { at: Date; actor: string; action: string; details: object }[];
    return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, action: r.action, details: r.details }));
  }
}
