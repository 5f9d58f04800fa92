import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { LOGGER, SERVICE_CONFIG } from '@cs/platform';
import type { Ticket } from '../domain/ticket';
import { isOpen } from '../domain/ticket-lifecycle';
import { IncidentChildrenRepository } from '../infrastructure/incident-children.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { DueWorkLoop } from './due-work-loop';
import { RunTicketCommand } from './run-ticket-command';

/**
 * 群发事件办结 — each child owed its incident's resolution is resolved with the same text, one
 * ticket per transaction: its row locked, its owed row deleted, its `ticket.resolved` (and so its
 * own callback) written to the outbox, together. A crash part-way leaves the rest owed, and the
 * next pass — on any replica, after a restart — resolves them; none is resolved twice. A child
 * handled on its own meanwhile keeps its own resolution.
 */
@Injectable()
export class ResolveIncidentChildren extends DueWorkLoop {
  constructor(
    dataSource: DataSource,
    tickets: TicketRepository,
    private readonly children: IncidentChildrenRepository,
    private readonly incidents: IncidentRepository,
    private readonly run: RunTicketCommand,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('incident resolutions', logger, () => config.slaTimerPollMs, dataSource, tickets);
  }

  /** Keeps going while children are being resolved, so a hundred do not wait a poll interval per batch. */
  override async fireDue(now = new Date()): Promise<number> {
    let total = 0;
    for (let fired = await super.fireDue(now); fired > 0; fired = await super.fireDue(now)) total += fired;
    return total;
  }

  protected ticketsWithDue(db: EntityManager, _now: Date, limit: number): Promise<string[]> {
    return this.children.owedResolution(db, limit);
  }

  protected async fireOnLockedTicket(tx: EntityManager, ticket: Ticket, now: Date): Promise<number> {
    const incidentId = await this.children.claimResolution(tx, ticket.id);
    if (!incidentId) return 0;
    const incident = await this.incidents.find(tx, incidentId);
    if (!incident?.resolution || ticket.incidentId !== incidentId || !isOpen(ticket.status)) return 1;
    await this.run.decideAndSave(
      tx,
      ticket,
      { action: 'resolve', command: { type: 'resolve', resolution: incident.resolution }, note: `群发事件 ${incident.number} 办结` },
      incident.resolvedBy ?? 'system',
      now,
    );
    return 1;
  }
}
