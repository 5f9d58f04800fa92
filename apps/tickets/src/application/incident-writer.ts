import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { OUTBOX } from '@cs/platform';
import type { Incident } from '../domain/incident';
import type { IncidentAction } from '../domain/incident-decide';
import type { IncidentEvent } from '../domain/incident-events';
import type { IncidentState } from '../domain/incident-evolve';
import { incidentTimers } from '../domain/incident-sla';
import type { SlaPolicy } from '../domain/sla-policy';
import { CalendarLookup, nextDue } from '../domain/ticket-sla';
import { IncidentChildrenRepository, IncidentRecipient } from '../infrastructure/incident-children.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { IncidentSlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { publishedIncidentEvents } from './published-incident-events';

export interface IncidentSaving {
  readonly action: IncidentAction;
  readonly calendars: CalendarLookup;
  /** The policy timing the incident: how long after a breach its manager hears of it. */
  readonly policy: SlaPolicy | undefined;
  readonly now: Date;
  readonly by: string;
}

/** What the history says of one change, from the events it caused and what saving them touched. */
function historyDetails(events: readonly IncidentEvent[], recipients: readonly IncidentRecipient[], childrenOwed: number): object {
  // As a ticket's history says it: which timers fired, in order.
  const fired = events.flatMap((e) => {
    switch (e.type) {
      case 'incident_sla_warned':
        return [`${e.clock}:warning@${e.threshold}%`];
      case 'incident_sla_breached':
        return [`${e.clock}:breach`];
      case 'incident_escalated':
        return [`escalated:${e.level}`];
      default:
        return [];
    }
  });
  const details = events.map((e): object => {
    switch (e.type) {
      case 'incident_declared': {
        const i = e.incident;
        return { ...i.place, itemCode: i.itemCode, title: i.title, ...presentProps({ policyId: i.policyId }) };
      }
      case 'incident_dispatched':
        return { department: e.department, ...presentProps({ handler: e.handler }) };
      case 'incident_update_posted':
        return {
          updateId: e.updateId,
          sequence: e.sequence,
          message: e.message,
          ...presentProps({ expectedRestoreAt: e.expectedRestoreAt?.toISOString() }),
          recipients: recipients.length,
        };
      case 'tickets_linked':
        return { ticketIds: e.ticketIds };
      case 'incident_resolved':
        return { resolution: e.resolution, breached: e.breached, resolveChildren: e.resolveChildren, childrenOwed };
      case 'children_resolution_requested':
        return { childrenOwed };
      case 'incident_sla_warned':
      case 'incident_sla_breached':
      case 'incident_escalated':
        return {};
    }
  });
  return Object.assign({}, ...details, fired.length > 0 ? { fired } : {});
}

/**
 * The one way an incident's decision is committed: its row, its history entry, the update told
 * to customers with whom it reaches, the children owed its resolution, its re-planned SLA timers
 * and its published events — all in the caller's transaction, so a crash leaves either all of it
 * or none.
 */
@Injectable()
export class IncidentWriter {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly children: IncidentChildrenRepository,
    private readonly timers: IncidentSlaTimerRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
  ) {}

  async save(tx: EntityManager, before: IncidentState, after: Incident, events: readonly IncidentEvent[], saving: IncidentSaving): Promise<Incident> {
    const due = nextDue(saving.calendars, after, saving.now);
    const version = before ? await this.incidents.update(tx, after, due) : (await this.incidents.insert(tx, after, due), after.version);
    const posted = events.find((e) => e.type === 'incident_update_posted');
    const recipients = posted ? await this.children.recipients(tx, after.id) : [];
    if (posted) {
      await this.incidents.addUpdate(tx, after.id, {
        id: posted.updateId,
        sequence: posted.sequence,
        message: posted.message,
        ...presentProps({ expectedRestoreAt: posted.expectedRestoreAt }),
        recipients: recipients.length,
        at: posted.at,
        by: posted.by,
      });
    }
    const owing = events.some((e) => (e.type === 'incident_resolved' && e.resolveChildren) || e.type === 'children_resolution_requested');
    const childrenOwed = owing ? await this.children.oweResolution(tx, after.id, saving.now) : 0;
    await this.incidents.addHistory(tx, after.id, saving.now, saving.by, saving.action, historyDetails(events, recipients, childrenOwed));
    await this.timers.replan(tx, after.id, incidentTimers(saving.calendars, after, saving.policy, saving.now));
    for (const e of publishedIncidentEvents(events, after, recipients, due)) await this.outbox.append(tx, e.definition, after.id, e.data);
    return { ...after, version };
  }

  /**
   * Plans the incident's timers again by the calendars as they stand, with nothing else of it
   * changed (a calendar change's walk, or timers claimed that fired nothing because their moment
   * moved): no history, no event, the same version.
   */
  async replan(tx: EntityManager, incident: Incident, saving: Pick<IncidentSaving, 'calendars' | 'policy' | 'now'>): Promise<void> {
    await this.incidents.setNextDue(tx, incident.id, nextDue(saving.calendars, incident, saving.now));
    await this.timers.replan(tx, incident.id, incidentTimers(saving.calendars, incident, saving.policy, saving.now));
  }
}
