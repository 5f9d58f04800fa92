import { ColumnOf, GROWN_TABLES, copySelect } from './mature';

const column = (name: string, type: string, givenByTable = false): ColumnOf => ({ name, type, givenByTable });

describe('a copy of a template row', () => {
  const columns = [
    column('seq', 'int8', true),
    column('id', 'uuid'),
    column('event_id', 'text'),
    column('number', 'text'),
    column('incident_id', 'uuid'),
    column('opened_at', 'timestamptz'),
    column('day', 'date'),
    column('status', 'text'),
  ];

  it('given a table with an identity, uuids, a text id, times and plain columns, when its copy is written, then the table numbers it, ids are new, times move back and the rest is the template’s', () => {
    const { names, values } = copySelect({ table: 'shop.orders', textIds: ['event_id'] }, columns);

    expect(names).toEqual(['"id"', '"event_id"', '"number"', '"incident_id"', '"opened_at"', '"day"', '"status"']);
    expect(values).toEqual([
      `md5(t."id"::text || '/' || g)::uuid`,
      `md5(t."event_id"::text || '/' || g)::uuid::text`,
      't."number"',
      `md5(t."incident_id"::text || '/' || g)::uuid`,
      't."opened_at" - (g * $3::interval)',
      '(t."day" - (g * $3::interval))::date',
      't."status"',
    ]);
  });

  it('given kept ids and columns of their own, when the copy is written, then the kept stay the template’s and the own are the given SQL with the shift put in', () => {
    const { values } = copySelect({ table: 'shop.orders', kept: ['incident_id'], own: { status: `'closed'`, number: `t."number" || '-' || g`, day: '({shift})' } }, columns);

    expect(values[2]).toBe(`t."number" || '-' || g`);
    expect(values[3]).toBe('t."incident_id"');
    expect(values[5]).toBe('((g * $3::interval))');
    expect(values[6]).toBe(`'closed'`);
  });

  it('given a column of its own, a kept id or a text id the table does not have, when the copy is written, then it fails naming the table and the column', () => {
    expect(() => copySelect({ table: 'shop.orders', own: { closed_at: 'now()' } }, columns)).toThrow('shop.orders has no column closed_at');
    expect(() => copySelect({ table: 'shop.orders', kept: ['incident'] }, columns)).toThrow('shop.orders has no column incident');
    expect(() => copySelect({ table: 'shop.orders', textIds: ['eventid'] }, columns)).toThrow('shop.orders has no column eventid');
  });
});

describe('the tables a soak grows', () => {
  it('lists each table once, every service’s inbox among them, and no outbox, timer or other work waiting for its time (it would fall due or be purged in the soak)', () => {
    const tables = GROWN_TABLES.map((t) => t.table);

    expect(new Set(tables).size).toBe(tables.length);
    expect(tables.filter((t) => t.endsWith('.inbox')).sort()).toEqual(
      ['callbacks.inbox', 'intake.inbox', 'knowledge.inbox', 'notifications.inbox', 'reporting.inbox', 'tickets.inbox'].sort(),
    );
    expect(tables.filter((t) => /outbox|timers|deadlines|held_|deliveries|schedule|postponements|recompute|questionnaire/.test(t))).toEqual([]);
  });

  it('puts each table holding a customer or a ticket after the table it points at', () => {
    const at = (table: string) => GROWN_TABLES.findIndex((t) => t.table === table);

    expect(at('intake.customers')).toBeLessThan(at('intake.customer_phones'));
    expect(at('intake.customers')).toBeLessThan(at('intake.contacts'));
    expect(at('tickets.tickets')).toBeLessThan(at('tickets.ticket_contacts'));
    expect(at('tickets.tickets')).toBeLessThan(at('tickets.ticket_history'));
  });
});
