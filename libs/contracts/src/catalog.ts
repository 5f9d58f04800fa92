import type { EventDefinition } from './event-definition';
import {
  ContactFollowedUpV1,
  ContactReceivedV1,
  CustomerBirthdayV1,
  CustomerErasedV1,
  CustomerMergedV1,
  CustomerRegisteredV1,
  CustomerUpdatedV1,
} from './events/intake';
import { CALLBACK_EVENTS } from './events/callbacks';
import { CalendarPublishedV1 } from './events/calendars';
import { CatalogueChangedV1 } from './events/catalogue';
import { INCIDENT_EVENTS } from './events/incidents';
import { TICKET_HANDLING_EVENTS } from './events/ticket-handling';
import { TICKET_LIFECYCLE_EVENTS } from './events/ticket-lifecycle';
import { TICKET_MERGING_EVENTS } from './events/ticket-merging';
import { KNOWLEDGE_EVENTS } from './events/knowledge';
import { ReportGeneratedV1 } from './events/reporting';
import { TicketCreatedV1 } from './events/tickets';

/** Every event type the platform publishes; the AsyncAPI document is generated from it. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  ContactReceivedV1,
  ContactFollowedUpV1,
  CustomerRegisteredV1,
  CustomerUpdatedV1,
  CustomerMergedV1,
  CustomerErasedV1,
  CustomerBirthdayV1,
  TicketCreatedV1,
  ...TICKET_LIFECYCLE_EVENTS,
  ...TICKET_HANDLING_EVENTS,
  ...INCIDENT_EVENTS,
  ...TICKET_MERGING_EVENTS,
  CatalogueChangedV1,
  CalendarPublishedV1,
  ...CALLBACK_EVENTS,
  ...KNOWLEDGE_EVENTS,
  ReportGeneratedV1,
];

const byType = new Map(EVENT_CATALOG.map((d) => [d.type, d]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
