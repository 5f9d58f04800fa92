import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { DueWorkFailures, DueWorkLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { Incident } from '../domain/incident';
import type { Ticket } from '../domain/ticket';
import type { TicketCommandData } from '../domain/ticket-commands';
import { coveredByIncident } from '../domain/ticket-incident';
import { isOpen } from '../domain/ticket-lifecycle';
import { IncidentChildrenRepository } from '../infrastructure/incident-children.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { RunTicketCommand } from './run-ticket-command';

/**
 * 群发事件办结 — each child owed its incident's resolution is resolved with the same text, a
 * batch of children per transaction: their rows locked, their owed rows deleted, their
 * `ticket.resolved` (and so their own callbacks) written to the outbox, together. A crash
 * part-way leaves the rest owed, and the next pass — on any replica, after a restart — resolves
 * them; none is resolved twice. A child handled on its own meanwhile keeps its own resolution.
 */
@Injectable()
export class ResolveIncidentChildren extends DueWorkLoop<Ticket> {
  constructor(
    dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly children: IncidentChildrenRepository,
    private readonly incidents: IncidentRepository,
    private readonly run: RunTicketCommand,
    failures: DueWorkFailures,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('incident_resolutions', logger, config.slaTimerPollMs, dataSource, failures);
  }

  protected candidates(db: EntityManager, now: Date, limit: number): Promise<string[]> {
    return this.children.owedResolution(db, now, limit);
  }

  protected lock(tx: EntityManager, ids: readonly string[], limit: number): Promise<Ticket[]> {
    return this.tickets.tryLockAll(tx, ids, limit);
  }

  protected async fireLocked(tx: EntityManager, tickets: readonly Ticket[], now: Date): Promise<number> {
    const owed = await this.children.claimResolutions(tx, tickets.map((t) => t.id));
    const incidents = new Map<string, Incident | undefined>();
    for (const incidentId of new Set(owed.values())) incidents.set(incidentId, await this.incidents.find(tx, incidentId));
    const commands = tickets.flatMap((ticket) => {
      const incidentId = owed.get(ticket.id);
      const incident = incidentId ? incidents.get(incidentId) : undefined;
      // A child reopened since it joined is being handled on its own (its reason is not the
      // incident's): the incident's resolution does not answer it.
      if (!incident?.resolution || ticket.incidentId !== incidentId || !isOpen(ticket.status) || !coveredByIncident(ticket)) return [];
      const data: TicketCommandData = {
        action: 'resolve',
        command: { type: 'resolve', resolution: incident.resolution },
        note: `群发事件 ${incident.number} 办结`,
      };
      return [{ before: ticket, data, by: incident.resolvedBy ?? 'system' }];
    });
    await this.run.decideAndSaveAll(tx, commands, now);
    return owed.size;
  }
}
