import type { EventDefinition } from './event-definition';
import { ContactReceivedV1 } from './events/intake';
import { TicketCreatedV1 } from './events/tickets';

/** Every event type the platform publishes; the AsyncAPI document is generated from it. */
export const EVENT_CATALOG: readonly EventDefinition[] = [ContactReceivedV1, TicketCreatedV1];

const byType = new Map(EVENT_CATALOG.map((d) => [d.type, d]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
