import { buildAsyncApiDocument } from './asyncapi';
import { EVENT_CATALOG, findEventDefinition } from './catalog';
import { ContactReceivedV1 } from './events/intake';
import { TicketPromisedV1 } from './events/ticket-lifecycle';
import { TOPICS, deadLetterTopic } from './topics';
import { UnknownEventTypeError, validateConsumedEventData, validateEventData, validateEventOfType } from './validation';

const validContact = {
  contactId: 'c-1',
  customerId: 'cu-1',
  customerNameMasked: '张*',
  channel: 'phone',
  direction: 'inbound',
  occurredAt: '2026-11-24T08:30:00+08:00',
  recordedBy: 'agent-7',
  unit: { projectCode: 'P001', building: '3', room: '1202' },
  itemCode: 'repair.public_area',
  summary: '电梯坏了',
};

describe('event contracts', () => {
  it('every event type is versioned, unique, and published on a known topic', () => {
    const types = EVENT_CATALOG.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of EVENT_CATALOG) {
      expect(definition.type).toMatch(/^[a-z]+(\.[a-z_]+)+\.v\d+$/);
      expect(Object.values(TOPICS)).toContain(definition.topic);
    }
  });

  it('accepts data that matches the schema', () => {
    expect(validateEventData(ContactReceivedV1, validContact)).toEqual([]);
  });

  it('names the offending field of data that breaks the schema', () => {
    const violations = validateEventData(ContactReceivedV1, { ...validContact, channel: 'fax', phone: '13800138000' });
    const paths = violations.map((v) => v.path);
    expect(paths).toContain('/channel');
    expect(paths).toContain('/phone');
  });

  it('takes a promise of a reply only in one of the tiers an agent may promise', () => {
    const promised = {
      ticketId: '3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10',
      number: 'TK-20261205-000001',
      customerId: '5d2a9e47-1c3b-4f8e-a6d0-7b9c1e2f3a45',
      status: 'in_progress',
      at: '2026-12-05T02:00:00.000Z',
      by: 'agent-1',
      dueAt: '2026-12-05T02:30:00.000Z',
    };
    expect(validateEventData(TicketPromisedV1, { ...promised, tier: '30m' })).toEqual([]);
    expect(validateEventData(TicketPromisedV1, { ...promised, tier: '5y' }).map((v) => v.path)).toContain('/tier');
  });

  it('reports a missing required field by name', () => {
    const { customerId: _omitted, ...rest } = validContact;
    expect(validateEventData(ContactReceivedV1, rest)).toEqual([
      expect.objectContaining({ path: '/customerId' }),
    ]);
  });

  it('as a consumer reads it, a field a later release added is ignored, nested too; what the contract names is checked as when publishing', () => {
    const later = { ...validContact, incidentId: 'i-1', unit: { ...validContact.unit, floor: '12' } };
    expect(validateEventData(ContactReceivedV1, later).map((v) => v.path).sort()).toEqual(['/incidentId', '/unit/floor']);
    expect(validateConsumedEventData(ContactReceivedV1, later)).toEqual([]);
    const { customerId: _omitted, ...missing } = later;
    const refused = validateConsumedEventData(ContactReceivedV1, { ...missing, channel: 'fax' });
    expect([...new Set(refused.map((v) => v.path))].sort()).toEqual(['/channel', '/customerId']);
  });

  it('refuses to validate an unknown type', () => {
    expect(() => validateEventOfType('ticket.vanished.v1', {})).toThrow(UnknownEventTypeError);
    expect(findEventDefinition('contact.received.v1')).toBe(ContactReceivedV1);
  });

  it('the AsyncAPI document describes every event with its schema and CloudEvents headers', () => {
    const doc = buildAsyncApiDocument('1.2.3') as {
      asyncapi: string;
      components: { messages: Record<string, { name: string; payload: unknown; headers: { required: string[] } }> };
      channels: Record<string, { messages: Record<string, unknown> }>;
    };
    expect(doc.asyncapi).toBe('3.0.0');
    for (const definition of EVENT_CATALOG) {
      const message = Object.values(doc.components.messages).find((m) => m.name === definition.type);
      expect(message?.payload).toEqual(JSON.parse(JSON.stringify(definition.schema)));
      expect(message?.headers.required).toContain('ce_type');
      expect(Object.keys(doc.channels[definition.topic]!.messages)).toHaveLength(
        EVENT_CATALOG.filter((d) => d.topic === definition.topic).length,
      );
    }
  });

  it('dead-letter topics are per consumer group', () => {
    expect(deadLetterTopic('tickets')).toBe('tickets.dlq.v1');
  });
});
