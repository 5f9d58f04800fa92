import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { presentProps } from '@cs/ddd';
import { Nullable, Queryable, changedRows, selectRow, selectRows } from '@cs/persistence';
import { notPostponed } from '@cs/platform';
import type { Incident } from '../domain/incident';
import type { TicketStatus } from '../domain/ticket';

/** A child ticket as the incident lists it: enough to find the caller's matter, no personal data. */
export interface IncidentChild {
  readonly ticketId: string;
  readonly number: string;
  readonly status: TicketStatus;
  readonly customerId: string;
  /** Masked (张*). */
  readonly customerName: string;
  readonly itemCode?: string;
  readonly building?: string;
  readonly room?: string;
  readonly createdAt: Date;
}

/** One customer to tell an update, through the ticket they called about. */
export interface IncidentRecipient {
  readonly customerId: string;
  readonly ticketId: string;
}

const ChildRow = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.Unsafe<TicketStatus>(Type.String()),
  customer_id: Type.String(),
  customer_name: Type.String(),
  item_code: Nullable(Type.String()),
  building: Nullable(Type.String()),
  room: Nullable(Type.String()),
  created_at: Type.Date(),
});
const RecipientRow = Type.Object({ customer_id: Type.String(), id: Type.String() });
const IdRow = Type.Object({ ticket_id: Type.String() });
const OwedRow = Type.Object({ ticket_id: Type.String(), incident_id: Type.String() });
const CountRow = Type.Object({ n: Type.Integer() });

const CHILD_COLUMNS = 'id::text, number, status, customer_id::text, customer_name, item_code, building, room, created_at';
/** Still being worked on (OPEN_STATUSES). */
const OPEN_SQL = `status IN ('new', 'dispatched', 'in_progress', 'awaiting_customer')`;

function child(row: typeof ChildRow.static): IncidentChild {
  return {
    ticketId: row.id,
    number: row.number,
    status: row.status,
    customerId: row.customer_id,
    customerName: row.customer_name,
    ...presentProps({ itemCode: row.item_code, building: row.building, room: row.room }),
    createdAt: row.created_at,
  };
}

/**
 * The tickets side of incidents: which tickets are an incident's children, which open tickets
 * look like its callers, whom an update reaches, and the children still owed its resolution.
 */
@Injectable()
export class IncidentChildrenRepository {
  /** `department`: only the tickets dispatched to it, for a handler, who sees no others. */
  async children(db: Queryable, incidentId: string, department?: string): Promise<IncidentChild[]> {
    const params: unknown[] = [incidentId];
    const handled = department === undefined ? '' : `AND department = $${params.push(department)}`;
    const rows = await selectRows(db, ChildRow, `SELECT ${CHILD_COLUMNS} FROM tickets WHERE incident_id = $1 ${handled} ORDER BY created_at, id`, params);
    return rows.map(child);
  }

  async openChildren(db: Queryable, incidentId: string): Promise<number> {
    const row = await selectRow(db, CountRow, `SELECT count(*)::int AS n FROM tickets WHERE incident_id = $1 AND ${OPEN_SQL}`, [incidentId]);
    return row?.n ?? 0;
  }

  /**
   * 建议关联 — open tickets about the incident's item and place (its building, when it names
   * one) that belong to no incident yet: the callers an agent is offered to join, newest first.
   * Routine work a schedule opened has no caller to tell.
   */
  async candidates(db: Queryable, incident: Incident, limit: number, department?: string): Promise<IncidentChild[]> {
    const params: unknown[] = [incident.place.projectCode, incident.itemCode, limit];
    const building = incident.place.building === undefined ? '' : `AND building = $${params.push(incident.place.building)}`;
    const handled = department === undefined ? '' : `AND department = $${params.push(department)}`;
    const rows = await selectRows(
      db,
      ChildRow,
      `SELECT ${CHILD_COLUMNS} FROM tickets
        WHERE project_code = $1 AND item_code = $2 AND incident_id IS NULL AND origin IS NULL AND ${OPEN_SQL} ${building} ${handled}
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      params,
    );
    return rows.map(child);
  }

  /** One per customer, through their earliest ticket in the incident, however many they have. */
  async recipients(tx: EntityManager, incidentId: string): Promise<IncidentRecipient[]> {
    const rows = await selectRows(
      tx,
      RecipientRow,
      `SELECT DISTINCT ON (customer_id) customer_id::text, id::text FROM tickets
        WHERE incident_id = $1 ORDER BY customer_id, created_at, id`,
      [incidentId],
    );
    return rows.map((r) => ({ customerId: r.customer_id, ticketId: r.id }));
  }

  /**
   * Owes the incident's resolution to every open child it still covers (not reopened since it
   * joined: one reopened is handled on its own), in the transaction that resolved it; returns how many.
   * Each row written checks its ticket (its foreign key) with a share lock, taken in the order the
   * rows are written: in id order, as every other path locking several tickets takes them (a calendar
   * change's walk, a link, a merge). Read in the order they joined, a walk holding one child and
   * waiting for the next deadlocked with a resolution holding that next one and waiting for the first.
   */
  async oweResolution(tx: EntityManager, incidentId: string, at: Date): Promise<number> {
    const rows = await changedRows(
      tx,
      IdRow,
      `INSERT INTO incident_child_resolutions (ticket_id, incident_id, requested_at)
       SELECT id, incident_id, $2 FROM tickets
        WHERE incident_id = $1 AND ${OPEN_SQL} AND reopen_count = coalesce(reopens_when_joined, 0)
        ORDER BY id
       ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id::text`,
      [incidentId, at],
    );
    return rows.length;
  }

  /** Children owed a resolution, oldest request first; the caller locks each ticket before claiming. */
  async owedResolution(db: Queryable, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      db,
      IdRow,
      `SELECT r.ticket_id::text FROM incident_child_resolutions r WHERE ${notPostponed('incident_resolutions', 'r.ticket_id', '$1')}
        ORDER BY r.requested_at, r.ticket_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.ticket_id);
  }

  /** Takes the locked children's owed resolutions, in the transaction that resolves them: the incident each is owed by. */
  async claimResolutions(tx: EntityManager, ticketIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await changedRows(
      tx,
      OwedRow,
      'DELETE FROM incident_child_resolutions WHERE ticket_id = ANY($1::uuid[]) RETURNING ticket_id::text, incident_id::text',
      [ticketIds],
    );
    return new Map(rows.map((r) => [r.ticket_id, r.incident_id]));
  }

  async stillOwed(db: Queryable, incidentId: string): Promise<number> {
    const row = await selectRow(db, CountRow, 'SELECT count(*)::int AS n FROM incident_child_resolutions WHERE incident_id = $1', [incidentId]);
    return row?.n ?? 0;
  }
}
