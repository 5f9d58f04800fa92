import { randomUUID } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { ServiceMetrics, createLogger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { LOGGER, METRICS, OUTBOX, ProblemDetailsFilter, REDIS, SERVICE_CONFIG, StreamOverflows } from '@cs/platform';
import type { ThrowawaySchema } from '@cs/testing';
import { TicketResponder } from '../api/ticket-response';
import { CALENDAR_SOURCE } from '../application/calendar-source';
import { CountTickets } from '../application/count-tickets';
import { FindTickets } from '../application/find-tickets';
import { RunTicketCommand } from '../application/run-ticket-command';
import { TicketPresence } from '../application/ticket-presence';
import { TicketWriter } from '../application/ticket-writer';
import { CalendarStore } from '../infrastructure/calendar-store';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { HeldClockRepository } from '../infrastructure/held-clocks.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { PresenceStore } from '../infrastructure/presence-store';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';

/**
 * What TicketsController needs (reads, counts, commands, presence) with the platform's problem
 * filter, on a throwaway schema and the given Redis; a suite adds its other controllers' needs.
 * The outbox is only written: no relay publishes a test's events to the shared broker. Presence
 * is kept and announced under a prefix of the suite's own (`prefix`): Redis's pub/sub spans its
 * databases, so an unprefixed channel is heard by every copy of the platform on the server.
 */
export function ticketRouteProviders(db: ThrowawaySchema, redis: RedisClient, prefix: string): Provider[] {
  const config = loadServiceConfig('tickets', { NODE_ENV: 'test', KAFKA_TOPIC_PREFIX: `${prefix}-${randomUUID().slice(0, 8)}` });
  return [
    { provide: LOGGER, useValue: createLogger('tickets', 'silent') },
    { provide: METRICS, useValue: new ServiceMetrics('tickets') },
    StreamOverflows,
    { provide: DataSource, useValue: db.dataSource },
    { provide: OUTBOX, useValue: new OutboxWriter(db.schema, '/cs/tickets') },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: REDIS, useValue: redis },
    { provide: SERVICE_CONFIG, useValue: config },
    { provide: CALENDAR_SOURCE, useExisting: CalendarStore },
    CalendarStore,
    TicketRepository,
    CatalogueRepository,
    SlaPolicyRepository,
    SlaTimerRepository,
    OpinionDeadlineRepository,
    HeldClockRepository,
    TicketWriter,
    RunTicketCommand,
    FindTickets,
    IncidentRepository,
    CountTickets,
    TicketResponder,
    PresenceStore,
    TicketPresence,
  ];
}
