import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { ContactReceivedV1, TOPICS } from '@cs/contracts';
import { KafkaRecordPublisher, PlatformKafka, kafkaFromEnv, newEvent, toKafkaRecord } from '@cs/messaging';
import { adminQuery, callJson, devToken, eventually, newMobile, pipelineSettled, prepareDatabaseAndTopics, serviceProcesses, unpublishedOutboxRows } from '@cs/testing';
import { SHORTEST_CONSUMER_SESSION } from './support/consumer-session';

/**
 * The six services as real processes from dist/, against real Postgres, Kafka and Redis:
 * a contact recorded on intake becomes a ticket, which every other service sees. The Kafka broker
 * stopped is the servers-stopped suite's test (it stops what every suite shares).
 */
const PORTS: Record<ServiceName, number> = { intake: 4101, tickets: 4102, callbacks: 4103, knowledge: 4104, reporting: 4105, notifications: 4106 };
// Intake publishes one event per relay transaction, so a crash can land between two of them.
const services = serviceProcesses(PORTS, (name) => ({ ...SHORTEST_CONSUMER_SESSION, ...(name === 'intake' ? { OUTBOX_BATCH_SIZE: '1' } : {}) }));
const url = (service: ServiceName, path: string) => `${services[service].baseUrl}${path}`;

let agentToken: string;
let supervisorToken: string;
let kafka: PlatformKafka;

interface TicketList {
  items: { id: string; number: string; status: string; itemCode?: string; contactId: string }[];
}
interface Summary {
  ticketsOpened: number;
  bySection: Record<string, number>;
}

async function recordContact(overrides: { itemCode?: string; projectCode?: string } = {}): Promise<string> {
  const response = await callJson<{ id: string; customerId: string }>(url('intake', '/v1/contacts'), {
    token: agentToken,
    body: {
      channel: 'phone',
      content: '3栋2单元电梯停在12楼不动了',
      customer: { name: '张三', phone: newMobile(), projectCode: overrides.projectCode ?? 'P001', building: '3', room: '1202' },
      itemCode: overrides.itemCode ?? 'repair.public_area',
    },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function ticketsOfContact(contactId: string): Promise<TicketList['items']> {
  const response = await callJson<TicketList>(url('tickets', `/v1/tickets?contactId=${contactId}`), { token: agentToken });
  expect(response.status).toBe(200);
  return response.body.items;
}

async function expectExactlyOneTicketEach(contactIds: readonly string[], timeoutMs = 60_000): Promise<void> {
  await eventually(async () => {
    const rows = await adminQuery<{ contact_id: string; n: number }>(
      'SELECT contact_id::text, count(*)::int AS n FROM tickets.tickets WHERE contact_id = ANY($1::uuid[]) GROUP BY 1',
      [contactIds],
    );
    expect(rows).toHaveLength(contactIds.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }, timeoutMs);
}

async function summary(): Promise<Summary> {
  const response = await callJson<Summary>(url('reporting', '/v1/reports/summary'), { token: supervisorToken });
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  agentToken = await devToken({ roles: 'agent', sub: 'agent-e2e', name: '李客服', projects: ['P001'] });
  supervisorToken = await devToken({ roles: 'supervisor', sub: 'sup-e2e' });
  kafka = kafkaFromEnv('e2e');
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  await Promise.all(SERVICE_NAMES.map((name) => services[name].start()));
});

afterAll(async () => {
  await Promise.all(SERVICE_NAMES.map((name) => services[name].stop()));
});

describe('the platform, end to end', () => {
  it('every service is ready, documents its API and refuses anonymous calls with problem+json', async () => {
    for (const name of SERVICE_NAMES) {
      const ready = await callJson<{ status: string; checks: { name: string; up: boolean }[] }>(url(name, '/health/ready'));
      expect(ready.status).toBe(200);
      expect(ready.body.checks.map((c) => c.name).sort()).toEqual(['kafka', 'postgres', 'redis']);
      const docs = await callJson<{ openapi: string }>(url(name, '/docs-json'));
      expect(docs.body.openapi).toMatch(/^3\./);
    }
    const anonymous = await callJson(url('tickets', '/v1/tickets?contactId=00000000-0000-0000-0000-000000000000'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a contact recorded on intake becomes a ticket that callbacks, knowledge and reporting all see', async () => {
    // Reporting may still be reading tickets opened by earlier tests; count from a quiet pipeline.
    await pipelineSettled(kafka, SERVICE_NAMES);
    const before = await summary();
    const contactId = await recordContact({ itemCode: 'repair.public_area' });

    const [ticket] = await eventually(async () => {
      const tickets = await ticketsOfContact(contactId);
      expect(tickets).toHaveLength(1);
      return tickets;
    });
    expect(ticket!.number).toMatch(/^TK-\d{8}-\d{6}$/);
    expect(ticket!.status).toBe('new');

    await eventually(async () => {
      const after = await summary();
      expect(after.ticketsOpened).toBe(before.ticketsOpened + 1);
      expect(after.bySection['repair']).toBe((before.bySection['repair'] ?? 0) + 1);
    });
    await eventually(async () => {
      const followed = await callJson<{ number: string }>(url('callbacks', `/v1/callbacks/tickets/${ticket!.id}`), {
        token: agentToken,
      });
      expect(followed.body.number).toBe(ticket!.number);
    });
    const demand = await callJson<{ items: { itemCode: string; tickets: number }[] }>(url('knowledge', '/v1/knowledge/demand'), {
      token: supervisorToken,
    });
    expect(demand.body.items.find((i) => i.itemCode === 'repair.public_area')?.tickets).toBeGreaterThan(0);
  });

  it('the contact event is on its topic with CloudEvents headers, keyed by its matter’s ticket id', async () => {
    const contactId = await recordContact();
    const reader = kafka.consumer({ groupId: kafka.names.group(`e2e-reader-${randomUUID()}`) });
    await reader.connect();
    await reader.subscribe({ topic: kafka.names.topic(TOPICS.intake), fromBeginning: true });
    const found = await new Promise<{ key: string; ticketId: string; headers: Record<string, string> }>((resolve) => {
      void reader.run({
        eachMessage: async ({ message }) => {
          const data = JSON.parse(message.value?.toString() ?? '{}') as { contactId?: string; ticketId?: string };
          if (data.contactId !== contactId) return;
          resolve({
            key: message.key?.toString() ?? '',
            ticketId: data.ticketId ?? '',
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
        },
      });
    });
    await reader.disconnect();
    // One key per matter (ADR 0027): its follow-ups land on the same partition, after it.
    expect(found.key).toBe(found.ticketId);
    expect(found.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'contact.received.v1',
      ce_source: '/cs/intake',
      ce_subject: found.ticketId,
      'content-type': 'application/json',
    });
  });

  it('the same event delivered twice opens one ticket', async () => {
    const contactId = randomUUID();
    const event = newEvent(ContactReceivedV1, {
      source: '/cs/intake',
      subject: contactId,
      data: {
        contactId,
        customerId: randomUUID(),
        customerNameMasked: '王*',
        channel: 'wechat',
        direction: 'inbound',
        occurredAt: new Date().toISOString(),
        recordedBy: 'agent-e2e',
        unit: { projectCode: 'P001' },
        itemCode: 'consultation.property_service',
        summary: '物业费怎么交',
      },
    });
    const publisher = new KafkaRecordPublisher(kafka);
    await publisher.publish([toKafkaRecord(TOPICS.intake, event)]);
    await publisher.publish([toKafkaRecord(TOPICS.intake, event)]);
    await publisher.disconnect();

    await expectExactlyOneTicketEach([contactId]);
    // Give a late duplicate every chance to show up before concluding there is none.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await ticketsOfContact(contactId)).toHaveLength(1);
    const inbox = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM tickets.inbox WHERE event_id = $1', [event.id]);
    expect(inbox[0]!.n).toBe(1);
  });

  it('a relay killed mid-publish loses nothing and duplicates nothing when restarted', async () => {
    const contactIds: string[] = [];
    let pendingAtKill = 0;
    for (let burst = 0; burst < 5 && pendingAtKill === 0; burst += 1) {
      contactIds.push(...(await Promise.all(Array.from({ length: 20 }, () => recordContact()))));
      pendingAtKill = await unpublishedOutboxRows('intake');
      if (pendingAtKill > 0) await services.intake.kill();
    }
    expect(pendingAtKill).toBeGreaterThan(0);

    await services.intake.start();
    await expectExactlyOneTicketEach(contactIds);
    expect(await unpublishedOutboxRows('intake')).toBe(0);
  });

  it('a service stopped with SIGTERM shuts down cleanly', async () => {
    expect(await services.reporting.stop()).toBe(0);
    await services.reporting.start();
  });
});
