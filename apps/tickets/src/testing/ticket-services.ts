import { OutboxWriter } from '@cs/messaging';
import type { ThrowawaySchema } from '@cs/testing';
import { IncidentWriter } from '../application/incident-writer';
import { OpenTicketFromContact } from '../application/open-ticket-from-contact';
import { RunIncidentCommand } from '../application/run-incident-command';
import { RunTicketCommand } from '../application/run-ticket-command';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { TicketWriter } from '../application/ticket-writer';
import { CalendarStore } from '../infrastructure/calendar-store';
import { HeldClockRepository } from '../infrastructure/held-clocks.repository';
import { IncidentChildrenRepository } from '../infrastructure/incident-children.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { IncidentSlaTimerRepository, SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** What writes tickets, wired as the service wires it, for suites that call use cases without Nest. */
export interface TicketServices {
  readonly tickets: TicketRepository;
  readonly policies: SlaPolicyRepository;
  readonly calendars: CalendarStore;
  readonly writer: TicketWriter;
  readonly run: RunTicketCommand;
  readonly opening: OpenTicketFromContact;
  /** Where the events go: its `committed` signal, among a data source's subscribers, writes them as the transaction commits, as the service's does. */
  readonly outbox: OutboxWriter;
}

/**
 * One replica's ticket writing on a throwaway schema, its events only written to the outbox (no
 * relay publishes them); `calendars` is its calendar cache, a fresh one unless a test shares one.
 */
export function ticketServices(db: ThrowawaySchema, calendars = new CalendarStore(db.dataSource)): TicketServices {
  const tickets = new TicketRepository();
  const policies = new SlaPolicyRepository();
  const outbox = new OutboxWriter(db.schema, '/cs/tickets');
  const writer = new TicketWriter(tickets, new SlaTimerRepository(), outbox, new OpinionDeadlineRepository(), new HeldClockRepository());
  return {
    outbox,
    tickets,
    policies,
    calendars,
    writer,
    run: new RunTicketCommand(db.dataSource, tickets, policies, writer, calendars, new CatalogueRepository()),
    opening: new OpenTicketFromContact(tickets, writer, policies, calendars, new CatalogueRepository()),
  };
}

/** What writes incidents, wired as the service wires it. */
export interface IncidentServices {
  readonly incidents: IncidentRepository;
  readonly timers: IncidentSlaTimerRepository;
  readonly run: RunIncidentCommand;
}

/** One replica's incident writing on a throwaway schema, as ticketServices; `calendars` is its calendar cache. */
export function incidentServices(db: ThrowawaySchema, calendars = new CalendarStore(db.dataSource)): IncidentServices {
  const incidents = new IncidentRepository();
  const timers = new IncidentSlaTimerRepository();
  const writer = new IncidentWriter(incidents, new IncidentChildrenRepository(), timers, new OutboxWriter(db.schema, '/cs/tickets'));
  return { incidents, timers, run: new RunIncidentCommand(db.dataSource, incidents, new SlaPolicyRepository(), new CatalogueRepository(), writer, calendars) };
}
