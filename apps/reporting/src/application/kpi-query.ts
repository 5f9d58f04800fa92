import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusinessCalendar } from '@cs/business-calendar';
import { Grouping, KpiGroup, callbackKey, groupKpis, incidentKey, kpiFigures, KpiFigures, ticketKey } from '../domain/kpis';
import { Period, precedingPeriod } from '../domain/period';
import { TopicCount, topTopics } from '../domain/monthly-report';
import type { CallbackRecord, IncidentRecord, TicketRecord } from '../domain/ticket-record';
import { callbacksDueIn } from '../infrastructure/callback-facts.repository';
import { incidentsDeclaredIn } from '../infrastructure/incident-facts.repository';
import { ticketsOpenedIn } from '../infrastructure/ticket-facts.repository';
import { WorkingCalendar, durationsBy } from './working-calendar';

/** Which figures: a period, the projects asked for (none: all) and the caller's scope (undefined: every project). */
export interface KpiSelection {
  readonly period: Period;
  readonly projects: readonly string[];
  readonly scope: readonly string[] | undefined;
}

export interface KpiFacts {
  readonly tickets: readonly TicketRecord[];
  readonly callbacks: readonly CallbackRecord[];
  /** 群发事件 declared in the period. */
  readonly incidents: readonly IncidentRecord[];
  readonly calendar: BusinessCalendar;
}

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly groupBy: Grouping;
  readonly total: KpiFigures;
  readonly groups: readonly (KpiGroup & { readonly tickets: string })[];
}

/** Records with a project outside those asked for drop out; records tied to no project stay only when none were asked for. */
const asked = (projects: readonly string[]) => (r: { projectCode: string | null }) =>
  projects.length === 0 || (r.projectCode !== null && projects.includes(r.projectCode));

/** The ticket-list query that lists a group's tickets, one row each with the fields its KPIs used. */
export function drillDownQuery(selection: KpiSelection, groupBy: Grouping, key: string): string {
  const query = new URLSearchParams({ from: selection.period.from.toISOString(), to: selection.period.to.toISOString(), groupBy, key });
  selection.projects.forEach((p) => query.append('project', p));
  return `/v1/kpis/tickets?${query.toString()}`;
}

/** KPIs of the tickets received and callbacks due in a period, of the caller's projects only. */
@Injectable()
export class KpiQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendar,
  ) {}

  async facts(selection: KpiSelection): Promise<KpiFacts> {
    const db = this.dataSource.manager;
    const [tickets, callbacks, incidents, calendar] = await Promise.all([
      ticketsOpenedIn(db, selection.period, selection.scope),
      callbacksDueIn(db, selection.period, selection.scope),
      incidentsDeclaredIn(db, selection.period, selection.scope),
      this.calendars.get(),
    ]);
    const ofProjects = asked(selection.projects);
    return { tickets: tickets.filter(ofProjects), callbacks: callbacks.filter(ofProjects), incidents: incidents.filter(ofProjects), calendar };
  }

  async kpis(selection: KpiSelection, groupBy: Grouping): Promise<KpiReport> {
    const { tickets, callbacks, incidents, calendar } = await this.facts(selection);
    const durations = durationsBy(calendar);
    return {
      from: selection.period.from.toISOString(),
      to: selection.period.to.toISOString(),
      groupBy,
      total: kpiFigures(tickets, callbacks, durations, incidents),
      groups: groupKpis(groupBy, tickets, callbacks, durations, incidents).map((g) => ({ ...g, tickets: drillDownQuery(selection, groupBy, g.key) })),
    };
  }

  /** 咨询内容分类统计 — the most raised consultation items of the period, against the preceding period of the same length. */
  async topics(selection: KpiSelection): Promise<{ from: string; to: string; previousFrom: string; topics: TopicCount[] }> {
    const previous = precedingPeriod(selection.period);
    const [now, before] = await Promise.all([this.facts(selection), this.facts({ ...selection, period: previous })]);
    return {
      from: selection.period.from.toISOString(),
      to: selection.period.to.toISOString(),
      previousFrom: previous.from.toISOString(),
      topics: topTopics(now.tickets, before.tickets),
    };
  }

  /** The tickets and callbacks behind one group's figures. */
  async behind(selection: KpiSelection, groupBy: Grouping | undefined, key: string | undefined): Promise<KpiFacts> {
    const facts = await this.facts(selection);
    if (groupBy === undefined || key === undefined) return facts;
    return {
      ...facts,
      tickets: facts.tickets.filter((t) => ticketKey(groupBy, t) === key),
      callbacks: facts.callbacks.filter((c) => callbackKey(groupBy, c) === key),
      incidents: facts.incidents.filter((i) => incidentKey(groupBy, i) === key),
    };
  }
}
