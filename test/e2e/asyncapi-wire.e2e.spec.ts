import { randomUUID } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { TOPICS } from '@cs/contracts';
import { type PlatformKafka, kafkaFromEnv } from '@cs/messaging';
import { ServiceProcess, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * What is on the wire is what is documented: intake and tickets run as real processes, a
 * contact is recorded through REST, and every message on their topics (read from the beginning
 * by a consumer group of this test's own) is validated against the AsyncAPI document the
 * publishing service serves at /asyncapi.json: its CloudEvents headers, its key and its data.
 */
const intake = new ServiceProcess('intake', 5401);
const tickets = new ServiceProcess('tickets', 5402);
const publishers = [
  { service: intake, topic: TOPICS.intake },
  { service: tickets, topic: TOPICS.tickets },
];

interface Message {
  name: string;
  headers: Record<string, unknown>;
  payload: Record<string, unknown>;
  bindings: { kafka: { key: Record<string, unknown> } };
}
interface AsyncApiDocument {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, Message> };
}
interface WireMessage {
  topic: string;
  offset: string;
  key: string;
  headers: Record<string, string>;
  data: unknown;
}
interface Validators {
  headers: ValidateFunction;
  key: ValidateFunction;
  payload: ValidateFunction;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

let kafka: PlatformKafka;
let agent: string;
let supervisor: string;

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: 'agent-asyncapi', name: '李客服', projects: ['P001'] });
  supervisor = await devToken({ roles: 'supervisor', sub: 'sup-asyncapi' });
  kafka = kafkaFromEnv('e2e-asyncapi');
  await prepareDatabaseAndTopics(['intake', 'tickets']);
  await Promise.all([intake.start(), tickets.start()]);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop()]);
});

/** The message validators of one topic, by event type, from the publishing service's own document. */
async function validatorsOf(service: ServiceProcess, topic: string): Promise<Map<string, Validators>> {
  // Public like /docs-json: no token.
  const response = await fetch(`${service.baseUrl}/asyncapi.json`);
  expect(response.status).toBe(200);
  const document = (await response.json()) as AsyncApiDocument;
  const channel = Object.values(document.channels).find((c) => c.address === topic);
  expect(channel).toBeDefined();
  const validators = new Map<string, Validators>();
  for (const { $ref } of Object.values(channel?.messages ?? {})) {
    const message = document.components.messages[$ref.split('/').at(-1) ?? ''];
    if (message === undefined) throw new Error(`${topic}: unresolved ${$ref}`);
    validators.set(message.name, {
      headers: ajv.compile(message.headers),
      key: ajv.compile(message.bindings.kafka.key),
      payload: ajv.compile(message.payload),
    });
  }
  return validators;
}

/** Every message on the topics, from the beginning up to the end they had when this was called. */
async function readAll(topics: readonly string[]): Promise<WireMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(kafka.names.topic(topic))) {
      if (BigInt(high) > 0n) ends.set(`${kafka.names.topic(topic)}/${partition}`, BigInt(high));
    }
  }
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: kafka.names.group(`e2e-asyncapi-${randomUUID()}`) });
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => kafka.names.topic(t)), fromBeginning: true });
  const messages: WireMessage[] = [];
  const pending = new Set(ends.keys());
  await new Promise<void>((resolve, reject) => {
    if (pending.size === 0) resolve();
    const timer = setTimeout(() => reject(new Error(`partitions not read to their end: ${[...pending].join(', ')}`)), 60_000);
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const id = `${topic}/${partition}`;
          const end = ends.get(id);
          if (end === undefined || BigInt(message.offset) >= end) return;
          messages.push({
            topic: kafka.names.localTopic(topic),
            offset: `${partition}:${message.offset}`,
            key: message.key?.toString() ?? '',
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)])),
            data: JSON.parse(message.value?.toString() ?? 'null') as unknown,
          });
          if (BigInt(message.offset) + 1n >= end) {
            pending.delete(id);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return messages;
}

const errorsOf = (validate: ValidateFunction): string[] => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);

it('every message intake and tickets publish validates against the AsyncAPI document they serve', async () => {
  const phone = newMobile('136');
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token: agent,
    headers: { 'idempotency-key': `asyncapi-${randomUUID()}` },
    body: {
      channel: 'phone',
      content: '3栋电梯停在12楼',
      customer: { name: '张三', phone, projectCode: 'P001', building: '3', room: '1202' },
      itemCode: 'repair.public_area',
    },
  });
  expect(contact.status).toBe(201);
  const ticketId = await eventually(async () => {
    const found = await callJson<{ items: { id: string }[] }>(`${tickets.baseUrl}/v1/tickets?contactId=${contact.body.id}`, { token: supervisor });
    expect(found.body.items).toHaveLength(1);
    return found.body.items[0]?.id ?? '';
  });
  // The ticket is read from tickets' own tables; its event reaches Kafka through the outbox relay.
  const messages = await eventually(async () => {
    const all = await readAll(publishers.map((p) => p.topic));
    expect(all.some((m) => m.headers['ce_type'] === 'ticket.created.v1' && m.key === ticketId)).toBe(true);
    return all;
  });

  const validators = new Map<string, Map<string, Validators>>();
  for (const { service, topic } of publishers) validators.set(topic, await validatorsOf(service, topic));

  // Keyed by its matter's ticket id (ADR 0027), as the document says.
  expect(messages.find((m) => m.headers['ce_type'] === 'contact.received.v1' && m.key === ticketId)?.topic).toBe(TOPICS.intake);
  for (const message of messages) {
    const where = `${message.topic}@${message.offset} ${message.headers['ce_type'] ?? '(no ce_type)'}`;
    const validate = validators.get(message.topic)?.get(message.headers['ce_type'] ?? '');
    expect({ where, documented: validate !== undefined }).toEqual({ where, documented: true });
    if (validate === undefined) continue;
    expect({ where, headers: validate.headers(message.headers) ? [] : errorsOf(validate.headers) }).toEqual({ where, headers: [] });
    expect({ where, key: validate.key(message.key) ? [] : errorsOf(validate.key) }).toEqual({ where, key: [] });
    expect({ where, data: validate.payload(message.data) ? [] : errorsOf(validate.payload) }).toEqual({ where, data: [] });
    expect({ where, keyIsSubject: message.key === message.headers['ce_subject'] }).toEqual({ where, keyIsSubject: true });
  }
});
