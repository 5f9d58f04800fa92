import type { EventDefinition } from './event-definition';
import { EVENT_CATALOG } from './catalog';
import { schemaExample } from './schema-example';
import { TOPICS } from './topics';

/** The CloudEvents 1.0 attributes of one event type, as Kafka headers (binary content mode). */
function cloudEventsHeaders(d: EventDefinition): Record<string, unknown> {
  return {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time', 'content-type'],
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: { type: 'string', minLength: 1, description: 'unique per event; consumers de-duplicate on it' },
      ce_source: { type: 'string', pattern: '^/cs/[a-z]+$', description: 'the publishing service, e.g. /cs/tickets' },
      ce_type: { type: 'string', const: d.type, description: 'versioned event type' },
      ce_subject: { type: 'string', minLength: 1, description: `the ${d.aggregate} id; also the Kafka message key` },
      ce_time: { type: 'string', format: 'date-time' },
      'content-type': { type: 'string', const: 'application/json' },
      traceparent: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description: 'W3C trace context of the work that produced the event',
      },
    },
  };
}

/** The Kafka message key: the aggregate id, so the events of one aggregate stay in order. */
function messageKey(d: EventDefinition): Record<string, unknown> {
  return { type: 'string', minLength: 1, description: `the ${d.aggregate} id (equal to ce_subject)` };
}

/**
 * The message's example, or none when its schema uses a pattern the generator has no sample for:
 * the services build this document at start-up, and a missing sample must not stop them (the
 * AsyncAPI unit test requires an example for every message, so it is caught there).
 */
function examplesOf(d: EventDefinition): Record<string, unknown>[] {
  try {
    return [example(d)];
  } catch {
    return [];
  }
}

function example(d: EventDefinition): Record<string, unknown> {
  const subject = `${d.aggregate}-0001`;
  return {
    name: 'example',
    summary: `A ${d.type} event`,
    headers: {
      ce_specversion: '1.0',
      ce_id: '7d3c2a9e-1b4f-4e8a-9c6d-5f2e0a1b3c4d',
      ce_source: `/cs/${d.topic.split('.')[0] ?? ''}`,
      ce_type: d.type,
      ce_subject: subject,
      ce_time: '2026-11-24T08:30:00.000Z',
      'content-type': 'application/json',
    },
    payload: schemaExample(JSON.parse(JSON.stringify(d.schema)) as Record<string, unknown>),
  };
}

/**
 * An AsyncAPI 3.0 document for subscribers, generated from the contracts so it cannot drift
 * from what the services validate on publish and on consume.
 */
export function buildAsyncApiDocument(version: string, events: readonly EventDefinition[] = EVENT_CATALOG): Record<string, unknown> {
  const messageName = (d: EventDefinition) => d.type.replace(/\./g, '_');
  const channels: Record<string, unknown> = {};
  // Only topics that carry one of the events: a channel without messages would tell a subscriber nothing.
  for (const topic of Object.values(TOPICS).filter((t) => events.some((d) => d.topic === t))) {
    const messages = Object.fromEntries(
      events.filter((d) => d.topic === topic).map((d) => [messageName(d), { $ref: `#/components/messages/${messageName(d)}` }]),
    );
    channels[topic] = {
      address: topic,
      description: 'Kafka topic; message key is the aggregate id (ce_subject), so one aggregate stays ordered',
      messages,
      bindings: { kafka: { topic, bindingVersion: '0.5.0' } },
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
        headers: cloudEventsHeaders(d),
        payload: d.schema,
        bindings: { kafka: { key: messageKey(d), bindingVersion: '0.5.0' } },
        examples: examplesOf(d),
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
      description: [
        'CloudEvents 1.0 in Kafka binary mode: ce_* headers, JSON data in the value, the aggregate id as the key.',
        'Subscribe with a consumer group of your own; handle each ce_id once (delivery is at least once);',
        'ignore event types you do not know. A new version of an event is a new type (….v2), published alongside the old one.',
        'A test instance with KAFKA_TOPIC_PREFIX set prefixes every topic with `<prefix>.`.',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages: JSON.parse(JSON.stringify(messages)) },
  };
}
