import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Type, type Static } from '@sinclair/typebox';
import { presentProps } from '@cs/ddd';
import { changedRows, execute, lockedInOrder, Nullable, projectCondition, Queryable, selectRow, selectRows } from '@cs/persistence';
import { Incident, IncidentStatus, formatIncidentNumber } from '../domain/incident';
import type { IncidentAction } from '../domain/incident-decide';
import type { Visibility } from '../domain/ticket-access';
import type { EscalationLevel, Priority } from '../domain/ticket-lifecycle';
import { numberingDay } from '../domain/ticket-number';
import { StoredClock, fromStored, toStored } from './ticket.repository';

const Text = Type.String();
const OptionalText = Nullable(Type.String());
const OptionalInstant = Nullable(Type.Date());
/** A column holding one of a closed set the domain names; the check constraint keeps it so. */
const Literal = <T extends string>() => Type.Unsafe<T>(Type.String());

const IncidentRow = Type.Object({
  id: Text,
  number: Text,
  project_code: Text,
  building: OptionalText,
  area: OptionalText,
  item_code: Text,
  section_code: Text,
  title: Text,
  description: Text,
  priority: Literal<Priority>(),
  status: Literal<IncidentStatus>(),
  department: OptionalText,
  handler: OptionalText,
  dispatched_at: OptionalInstant,
  policy_id: OptionalText,
  clocks: Type.Unsafe<StoredClock[]>(Type.Array(Type.Object({ kind: Type.String(), startedAt: Type.String() }))),
  next_due_at: OptionalInstant,
  escalation_level: Type.Integer(),
  child_count: Type.Integer(),
  update_count: Type.Integer(),
  last_update_at: OptionalInstant,
  resolution: OptionalText,
  resolved_at: OptionalInstant,
  resolved_by: OptionalText,
  breached: Nullable(Type.Boolean()),
  children_resolved_at: OptionalInstant,
  declared_by: Text,
  declared_at: Type.Date(),
  version: Type.Integer(),
});
type IncidentRow = Static<typeof IncidentRow>;
const VersionRow = Type.Object({ version: Type.Integer() });
const IdRow = Type.Object({ id: Type.String() });
const CounterRow = Type.Object({ last: Type.Integer() });
const HistoryRow = Type.Object({ at: Type.Date(), actor: Text, action: Literal<IncidentAction>(), details: Type.Unsafe<object>(Type.Object({})) });
const UpdateRow = Type.Object({
  id: Text,
  sequence: Type.Integer(),
  message: Text,
  expected_restore_at: OptionalInstant,
  recipients: Type.Integer(),
  at: Type.Date(),
  by: Text,
});

const LatestUpdateRow = Type.Composite([UpdateRow, Type.Object({ incident_id: Text })]);

function toUpdate(r: Static<typeof UpdateRow>): IncidentUpdate {
  return {
    id: r.id,
    sequence: r.sequence,
    message: r.message,
    ...presentProps({ expectedRestoreAt: r.expected_restore_at }),
    recipients: r.recipients,
    at: r.at,
    by: r.by,
  };
}

function fromRow(row: IncidentRow): Incident {
  return {
    id: row.id,
    number: row.number,
    place: { projectCode: row.project_code, ...presentProps({ building: row.building, area: row.area }) },
    itemCode: row.item_code,
    sectionCode: row.section_code,
    title: row.title,
    description: row.description,
    priority: row.priority,
    status: row.status,
    ...presentProps({
      department: row.department,
      handler: row.handler,
      dispatchedAt: row.dispatched_at,
      policyId: row.policy_id,
      lastUpdateAt: row.last_update_at,
      resolution: row.resolution,
      resolvedAt: row.resolved_at,
      resolvedBy: row.resolved_by,
      childrenResolvedAt: row.children_resolved_at,
    }),
    ...(row.breached === null ? {} : { breached: row.breached }),
    clocks: row.clocks.map(fromStored),
    escalationLevel: row.escalation_level as EscalationLevel,
    childCount: row.child_count,
    updateCount: row.update_count,
    declaredBy: row.declared_by,
    declaredAt: row.declared_at,
    version: row.version,
  };
}

/** One update as told to the customers. */
export interface IncidentUpdate {
  readonly id: string;
  readonly sequence: number;
  readonly message: string;
  readonly expectedRestoreAt?: Date;
  /** How many customers it was addressed to. */
  readonly recipients: number;
  readonly at: Date;
  readonly by: string;
}

export interface IncidentHistoryEntry {
  readonly at: Date;
  readonly actor: string;
  readonly action: IncidentAction;
  readonly details: object;
}

/** Which incidents a list asks for; every criterion given must hold. */
export interface IncidentCriteria {
  readonly projectCode?: string;
  readonly building?: string;
  readonly itemCode?: string;
  readonly status?: readonly IncidentStatus[];
  /** Visibility (`visibilityOf`), so pages are full. */
  readonly visibleTo: Visibility;
}

export interface IncidentPageQuery {
  readonly criteria: IncidentCriteria;
  readonly after?: { readonly declaredAt: string; readonly id: string };
  readonly limit: number;
}

/** Incidents in and out of their tables; every method runs in the caller's transaction or connection. */
@Injectable()
export class IncidentRepository {
  async find(db: Queryable, id: string, lock = false): Promise<Incident | undefined> {
    const row = await selectRow(db, IncidentRow, `SELECT * FROM incidents WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? fromRow(row) : undefined;
  }

  /**
   * Up to `limit` open incidents with a clock counted by the calendar, after `afterId` in id order:
   * a batch of a calendar change's walk (ADR 0122). Incidents are few, so open ones are read
   * without an index of their own.
   */
  async openUsingCalendar(tx: EntityManager, calendarId: string, afterId: string | undefined, limit: number): Promise<string[]> {
    const rows = await selectRows(
      tx,
      IdRow,
      `SELECT id::text FROM incidents
        WHERE status = 'open' AND ($3::uuid IS NULL OR id > $3::uuid)
          AND clocks @> jsonb_build_array(jsonb_build_object('calendarId', $1::text))
        ORDER BY id LIMIT $2`,
      [calendarId, limit, afterId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Records the incident's next deadline after its timers were planned again with nothing of it changed: its version stays, so an If-Match taken before still holds. */
  async setNextDue(tx: EntityManager, id: string, nextDueAt: Date | undefined): Promise<void> {
    await execute(tx, 'UPDATE incidents SET next_due_at = $2 WHERE id = $1', [id, nextDueAt ?? null]);
  }

  /** Those of the incidents no one else holds, locked, at most `limit`, in the order given (the timer loop's batch). */
  async tryLockAll(tx: EntityManager, ids: readonly string[], limit: number): Promise<Incident[]> {
    return (await selectRows(tx, IncidentRow, lockedInOrder('incidents'), [ids, limit])).map(fromRow);
  }

  /** 事件号 — the next number of the day, gap-free under concurrency, in the caller's transaction. */
  /**
   * The open incidents a ticket about this item and place could join: the project's incidents of
   * the item declared for its building, or for no building (an area or the whole project), those
   * the reader may see (`visibilityOf`) read before the limit, so newer ones of other departments
   * do not crowd out a handler's own.
   */
  async openAbout(db: Queryable, place: { projectCode: string; building?: string; itemCode: string }, visibleTo: Visibility, limit: number): Promise<Incident[]> {
    const params: unknown[] = [place.projectCode, place.itemCode, place.building ?? null, limit];
    const department = visibleTo.department === undefined ? '' : `AND department = $${params.push(visibleTo.department)}`;
    const rows = await selectRows(
      db,
      IncidentRow,
      `SELECT * FROM incidents WHERE status = 'open' AND project_code = $1 AND item_code = $2 AND (building IS NULL OR building = $3) ${department}
         AND ${projectCondition('project_code', visibleTo.projects, params)}
        ORDER BY declared_at DESC, id DESC LIMIT $4`,
      params,
    );
    return rows.map(fromRow);
  }

  async nextNumber(tx: EntityManager, at: Date): Promise<string> {
    const day = numberingDay(at);
    const row = await selectRow(
      tx,
      CounterRow,
      `INSERT INTO incident_number_counters (day, last) VALUES ($1, 1)
       ON CONFLICT (day) DO UPDATE SET last = incident_number_counters.last + 1 RETURNING last`,
      [day],
    );
    return formatIncidentNumber(day, row!.last);
  }

  async insert(tx: EntityManager, i: Incident, nextDueAt: Date | undefined): Promise<void> {
    await execute(
      tx,
      `INSERT INTO incidents (id, number, project_code, building, area, item_code, section_code, title, description, priority,
                              status, policy_id, clocks, next_due_at, declared_by, declared_at, version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
      [
        i.id, i.number, i.place.projectCode, i.place.building ?? null, i.place.area ?? null, i.itemCode, i.sectionCode, i.title,
        i.description, i.priority, i.status, i.policyId ?? null, JSON.stringify(i.clocks.map(toStored)), nextDueAt ?? null,
        i.declaredBy, i.declaredAt, i.version,
      ],
    );
  }

  /** Saves a changed incident and returns its new version. */
  async update(tx: EntityManager, i: Incident, nextDueAt: Date | undefined): Promise<number> {
    const [row] = await changedRows(
      tx,
      VersionRow,
      `UPDATE incidents SET status = $2, department = $3, handler = $4, dispatched_at = $5, clocks = $6, next_due_at = $7,
              child_count = $8, update_count = $9, last_update_at = $10, resolution = $11, resolved_at = $12, resolved_by = $13,
              breached = $14, children_resolved_at = $15, escalation_level = $16, version = version + 1
        WHERE id = $1 RETURNING version`,
      [
        i.id, i.status, i.department ?? null, i.handler ?? null, i.dispatchedAt ?? null, JSON.stringify(i.clocks.map(toStored)),
        nextDueAt ?? null, i.childCount, i.updateCount, i.lastUpdateAt ?? null, i.resolution ?? null, i.resolvedAt ?? null,
        i.resolvedBy ?? null, i.breached ?? null, i.childrenResolvedAt ?? null, i.escalationLevel,
      ],
    );
    return row!.version;
  }

  async addHistory(tx: EntityManager, incidentId: string, at: Date, actor: string, action: IncidentAction, details: object): Promise<void> {
    await execute(tx, 'INSERT INTO incident_history (incident_id, at, actor, action, details) VALUES ($1, $2, $3, $4, $5)', [
      incidentId,
      at,
      actor,
      action,
      JSON.stringify(details),
    ]);
  }

  async history(db: Queryable, incidentId: string): Promise<IncidentHistoryEntry[]> {
    const rows = await selectRows(db, HistoryRow, 'SELECT at, actor, action, details FROM incident_history WHERE incident_id = $1 ORDER BY id', [incidentId]);
    return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, details: r.details }));
  }

  async addUpdate(tx: EntityManager, incidentId: string, u: IncidentUpdate): Promise<void> {
    await execute(
      tx,
      'INSERT INTO incident_updates (id, incident_id, sequence, message, expected_restore_at, recipients, at, by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
      [u.id, incidentId, u.sequence, u.message, u.expectedRestoreAt ?? null, u.recipients, u.at, u.by],
    );
  }

  async updates(db: Queryable, incidentId: string): Promise<IncidentUpdate[]> {
    const rows = await selectRows(
      db,
      UpdateRow,
      'SELECT id::text, sequence, message, expected_restore_at, recipients, at, by FROM incident_updates WHERE incident_id = $1 ORDER BY sequence',
      [incidentId],
    );
    return rows.map(toUpdate);
  }

  /** The last update of each incident that has one: what an agent tells the next caller. */
  async latestUpdates(db: Queryable, incidentIds: readonly string[]): Promise<Map<string, IncidentUpdate>> {
    if (incidentIds.length === 0) return new Map();
    const rows = await selectRows(
      db,
      LatestUpdateRow,
      `SELECT DISTINCT ON (incident_id) incident_id::text, id::text, sequence, message, expected_restore_at, recipients, at, by
         FROM incident_updates WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, sequence DESC`,
      [incidentIds],
    );
    return new Map(rows.map((r) => [r.incident_id, toUpdate(r)]));
  }

  /** Newest declared first, then by id: a page and where the next one starts. */
  async page(db: Queryable, query: IncidentPageQuery): Promise<{ incidents: Incident[]; next?: { declaredAt: string; id: string } }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    const c = query.criteria;
    if (c.projectCode) add('project_code = ?', c.projectCode);
    // A caller of the building is also concerned by what stands for the whole project or an area of it.
    if (c.building) add('(building IS NULL OR building = ?)', c.building);
    if (c.itemCode) add('item_code = ?', c.itemCode);
    if (c.status?.length) add('status = ANY(?)', c.status);
    if (c.visibleTo.department !== undefined) add('department = ?', c.visibleTo.department);
    where.push(projectCondition('project_code', c.visibleTo.projects, params));
    if (query.after) {
      params.push(query.after.declaredAt, query.after.id);
      where.push(`(declared_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows = await selectRows(
      db,
      IncidentRow,
      `SELECT * FROM incidents WHERE ${where.join(' AND ')} ORDER BY declared_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    return {
      incidents: rows.slice(0, query.limit).map(fromRow),
      ...(last ? { next: { declaredAt: last.declared_at.toISOString(), id: last.id } } : {}),
    };
  }
}
