import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeKeysetCursor, encodeKeysetCursor } from '@cs/platform';
import { Incident, IncidentStatus, incidentNotFound } from '../domain/incident';
import { canSeeIncident } from '../domain/incident-access';
import type { ClockView } from '../domain/sla-clock';
import { type Actor, visibilityOf } from '../domain/ticket-access';
import { IncidentChild, IncidentChildrenRepository } from '../infrastructure/incident-children.repository';
import { IncidentHistoryEntry, IncidentRepository, IncidentUpdate } from '../infrastructure/incident.repository';
import { IncidentSlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { CALENDAR_SOURCE, CalendarSource } from './calendar-source';
import { viewClocksOf } from './clock-views';

export interface IncidentFilter {
  readonly projectCode?: string;
  readonly building?: string;
  readonly itemCode?: string;
  readonly status?: readonly IncidentStatus[];
  readonly cursor?: string;
  readonly limit: number;
}

export interface IncidentWithClocks {
  readonly incident: Incident;
  readonly clocks: ClockView[];
  /** In lists: the last update, which the agent reads to the next caller. */
  readonly latestUpdate?: IncidentUpdate;
}

export interface IncidentDetail extends IncidentWithClocks {
  readonly updates: readonly IncidentUpdate[];
  readonly history: readonly IncidentHistoryEntry[];
  readonly openChildren: number;
  /** Children still to be handed the incident's resolution. */
  readonly childrenOwedResolution: number;
}

/** Candidates offered at most; the newest callers come first. */
const CANDIDATES = 100;

/**
 * Reads incidents as the caller may see them: those of their projects (a handler, those
 * dispatched to their department); any other is not found, so its existence does not leak.
 */
@Injectable()
export class FindIncidents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentRepository,
    private readonly children: IncidentChildrenRepository,
    @Inject(CALENDAR_SOURCE) private readonly calendarSource: CalendarSource,
    private readonly timers: IncidentSlaTimerRepository,
  ) {}

  async byId(id: string, actor: Actor, now = new Date()): Promise<IncidentDetail> {
    const db = this.dataSource.manager;
    const incident = await this.visible(id, actor);
    const [withClocks] = await this.withClocks([incident], now);
    return {
      ...withClocks!,
      updates: await this.incidents.updates(db, id),
      history: await this.incidents.history(db, id),
      openChildren: await this.children.openChildren(db, id),
      childrenOwedResolution: await this.children.stillOwed(db, id),
    };
  }

  async list(filter: IncidentFilter, actor: Actor, now = new Date()): Promise<{ items: IncidentWithClocks[]; nextCursor?: string }> {
    const { cursor: given, limit, ...criteria } = filter;
    const cursor = given ? decodeKeysetCursor(given, 'INCIDENT.BAD_CURSOR') : undefined;
    const page = await this.incidents.page(this.dataSource.manager, {
      criteria: { ...criteria, visibleTo: visibilityOf(actor) },
      ...(cursor ? { after: { declaredAt: cursor.key, id: cursor.id } } : {}),
      limit,
    });
    return {
      items: await this.withLatestUpdates(await this.withClocks(page.incidents, now)),
      ...(page.next ? { nextCursor: encodeKeysetCursor({ key: page.next.declaredAt, id: page.next.id }) } : {}),
    };
  }

  /** The incident's tickets the actor may see: a handler, those dispatched to their department. */
  async childrenOf(id: string, actor: Actor): Promise<IncidentChild[]> {
    await this.visible(id, actor);
    return this.children.children(this.dataSource.manager, id, visibilityOf(actor).department);
  }

  /** Open tickets that look like the incident's callers and belong to no incident: offered to join (to a handler, of their department). */
  async candidatesFor(id: string, actor: Actor): Promise<IncidentChild[]> {
    const incident = await this.visible(id, actor);
    if (incident.status === 'resolved') return [];
    return this.children.candidates(this.dataSource.manager, incident, CANDIDATES, visibilityOf(actor).department);
  }

  private async visible(id: string, actor: Actor): Promise<Incident> {
    const incident = await this.incidents.find(this.dataSource.manager, id);
    if (!incident || !canSeeIncident(actor, incident)) throw incidentNotFound(id);
    return incident;
  }

  private async withLatestUpdates(items: readonly IncidentWithClocks[]): Promise<IncidentWithClocks[]> {
    const latest = await this.incidents.latestUpdates(this.dataSource.manager, items.map((i) => i.incident.id));
    return items.map((item) => {
      const update = latest.get(item.incident.id);
      return update ? { ...item, latestUpdate: update } : item;
    });
  }

  private async withClocks(incidents: readonly Incident[], now: Date): Promise<IncidentWithClocks[]> {
    const clocks = await viewClocksOf(this.calendarSource, this.timers, this.dataSource.manager, incidents, now);
    return incidents.map((incident, i) => ({ incident, clocks: clocks[i]! }));
  }
}
