import type { EventDefinition } from './event-definition';
import { EVENT_CATALOG } from './catalog';
import { TOPICS } from './topics';

const CLOUDEVENTS_HEADERS = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', description: 'unique per event; consumers de-duplicate on it' },
    ce_source: { type: 'string', description: 'the publishing service, e.g. /cs/tickets' },
    ce_type: { type: 'string', description: 'versioned event type, e.g. ticket.created.v1' },
    ce_subject: { type: 'string', description: 'aggregate id; also the Kafka message key' },
    ce_time: { type: 'string', format: 'date-time' },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: { type: 'string', description: 'W3C trace context of the work that produced the event' },
  },
};

/**
 * An AsyncAPI 3.0 document for subscribers, generated from the contracts so it cannot drift
 * from what the services validate on publish and on consume.
 */
export function buildAsyncApiDocument(version: string, events: readonly EventDefinition[] = EVENT_CATALOG): Record<string, unknown> {
  const messageName = (d: EventDefinition) => d.type.replace(/\./g, '_');
  const channels: Record<string, unknown> = {};
  for (const topic of Object.values(TOPICS)) {
    const messages = Object.fromEntries(
      events.filter((d) => d.topic === topic).map((d) => [messageName(d), { $ref: `#/components/messages/${messageName(d)}` }]),
    );
    channels[topic] = {
      address: topic,
      description: 'Kafka topic; message key is the aggregate id (ce_subject), so one aggregate stays ordered',
      messages,
    };
  }
  const messages = Object.fromEntries(
    events.map((d) => [
      messageName(d),
      {
        name: d.type,
        title: d.type,
        summary: d.summary,
        contentType: 'application/json',
        headers: CLOUDEVENTS_HEADERS,
        payload: d.schema,
        bindings: { kafka: { key: { type: 'string', description: `${d.aggregate} id` } } },
      },
    ]),
  );
  const operations = Object.fromEntries(
    events.map((d) => [
      `receive_${messageName(d)}`,
      {
        action: 'receive',
        channel: { $ref: `#/channels/${d.topic}` },
        messages: [{ $ref: `#/channels/${d.topic}/messages/${messageName(d)}` }],
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Customer-service center domain events',
      version,
      description: 'CloudEvents 1.0 in Kafka binary mode: ce_* headers, JSON data in the value.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages: JSON.parse(JSON.stringify(messages)) },
  };
}
