import { randomUUID } from 'node:crypto';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * The daily desk through the REST API, intake and tickets running: a handler reads what the
 * customer of its ticket said (masked, or whole with the permission and a purpose, which is
 * logged), another project's user finds nothing, and a ringing phone brings up the caller with
 * their open ticket and last contacts.
 */
const intake = new ServiceProcess('intake', 4601);
const tickets = new ServiceProcess('tickets', 4602);
const i = (path: string) => `${intake.baseUrl}${path}`;
const t = (path: string) => `${tickets.baseUrl}${path}`;
const PURPOSE = { 'x-access-purpose': encodeURIComponent('回电核实') };

interface Problem {
  status: number;
  code: string;
  errors?: { field: string }[];
}
interface ContactView {
  id: string;
  content?: string;
  masked: boolean;
  ticketId?: string;
  route: string;
}
interface TicketView {
  id: string;
  number: string;
  demand?: { summary: string; firstContactId: string };
  contacts?: { contactId: string; kind: string }[];
  repeatContactCount: number;
}
interface CallerLookup {
  items: {
    customer: { id: string; name: string; masked: boolean; units: { projectCode: string }[] };
    openTickets: { ticketId: string; number?: string; status: string; nextDueAt?: string; slaState: string }[];
    lastContacts: ContactView[];
    lastCallbacks: unknown[];
  }[];
}

let agent: string;
let supervisor: string;
let handler: string;
let handlerWithPii: string;
let otherProject: string;
const phone = newMobile('135');
const said = `12楼走廊漏水，师傅上门前打我电话${phone}`;
let customerId = '';
let firstContactId = '';
let ticket: TicketView;

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: 'agent-desk', projects: ['P001'] });
  supervisor = await devToken({ roles: 'supervisor', sub: 'sup-desk', projects: ['P001'] });
  handler = await devToken({ roles: 'handler', sub: 'handler-desk', projects: ['P001'], department: 'engineering' });
  handlerWithPii = await devToken({
    roles: 'handler',
    sub: 'handler-pii',
    projects: ['P001'],
    department: 'engineering',
    permissions: ['customer.pii.read'],
  });
  otherProject = await devToken({ roles: ['agent', 'handler', 'supervisor'], sub: 'all-p002', projects: ['P002'], permissions: ['customer.pii.read'] });
  await prepareDatabaseAndTopics(['intake', 'tickets']);
  await Promise.all([intake.start(), tickets.start()]);

  const body = (content: string) => ({
    channel: 'phone',
    content,
    customer: { name: '孙丽', phone, projectCode: 'P001', building: '12', room: '1203' },
    itemCode: 'repair.public_area',
  });
  const opened = await callJson<{ id: string; customerId: string } & Problem>(i('/v1/contacts'), { token: agent, body: body(said) });
  expect(opened.status).toBe(201);
  customerId = opened.body.customerId;
  firstContactId = opened.body.id;
  const found = await eventually(async () => {
    const page = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?contactId=${firstContactId}`), { token: supervisor });
    expect(page.body.items).toHaveLength(1);
    return page.body.items[0]!;
  });
  const dispatched = await callJson<Problem>(t(`/v1/tickets/${found.id}/dispatch`), { token: supervisor, body: { department: 'engineering' } });
  expect(dispatched.status).toBe(200);
  const followUp = await callJson<{ route: string } & Problem>(i('/v1/contacts'), { token: agent, body: body('还没人来，催一下') });
  expect(followUp.body.route).toBe('follow_up');
  ticket = await eventually(async () => {
    const read = await callJson<TicketView>(t(`/v1/tickets/${found.id}`), { token: handler });
    expect(read.body.repeatContactCount).toBe(1);
    return read.body;
  });
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop()]);
});

describe('what the customer said, read by the handler of the ticket', () => {
  it('the ticket carries the demand and its contacts; the demand holds no phone number', () => {
    expect(ticket.demand?.firstContactId).toBe(firstContactId);
    expect(ticket.demand?.summary).toContain('12楼走廊漏水');
    expect(ticket.demand?.summary).not.toContain(phone);
    expect(ticket.contacts?.map((c) => c.kind)).toEqual(['opened', 'follow_up']);
  });

  it('without a purpose the text comes masked; with the permission and a purpose it comes whole and the read is logged', async () => {
    const masked = await callJson<ContactView>(i(`/v1/contacts/${firstContactId}`), { token: handler, headers: PURPOSE });
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ masked: true, ticketId: ticket.id, route: 'new_matter' });
    expect(masked.body.content).toContain('12楼走廊漏水');
    expect(masked.body.content).not.toContain(phone);

    const whole = await callJson<ContactView>(i(`/v1/contacts/${firstContactId}`), { token: handlerWithPii, headers: PURPOSE });
    expect(whole.body).toMatchObject({ masked: false, content: said });
    const logged = await adminQuery<{ actor_sub: string; fields: string[]; purpose: string }>(
      'SELECT actor_sub, fields, purpose FROM intake.pii_access_log WHERE customer_id = $1',
      [customerId],
    );
    expect(logged).toEqual([{ actor_sub: 'handler-pii', fields: ['contact.content'], purpose: '回电核实' }]);
  });

  it('every contact of the ticket is listed, newest first', async () => {
    const page = await callJson<{ items: ContactView[] }>(i(`/v1/contacts?ticketId=${ticket.id}`), { token: handler });
    expect(page.body.items.map((c) => c.route)).toEqual(['follow_up', 'new_matter']);
    expect(page.body.items.map((c) => c.id)).toEqual(ticket.contacts!.map((c) => c.contactId).reverse());
  });

  it('another project’s user gets 404 for the contact, as for an unknown one, and an empty list for the ticket', async () => {
    const foreign = await callJson<Problem>(i(`/v1/contacts/${firstContactId}`), { token: otherProject, headers: PURPOSE });
    const unknown = await callJson<Problem>(i(`/v1/contacts/${randomUUID()}`), { token: otherProject, headers: PURPOSE });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CONTACT.NOT_FOUND']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CONTACT.NOT_FOUND']);
    const list = await callJson<{ items: ContactView[] }>(i(`/v1/contacts?ticketId=${ticket.id}`), { token: otherProject });
    expect(list.body.items).toEqual([]);
  });

  it('a list without a filter is refused naming the field', async () => {
    const response = await callJson<Problem>(i('/v1/contacts'), { token: handler });
    expect([response.status, response.body.code]).toEqual([400, 'CONTACT.FILTER_REQUIRED']);
    expect(response.body.errors?.[0]?.field).toBe('customerId');
  });
});

describe('who is calling', () => {
  it('the phone brings up the customer, masked, with the open ticket and its deadline and the last contacts', async () => {
    const card = await eventually(async () => {
      const response = await callJson<CallerLookup>(i(`/v1/customers/lookup?phone=${encodeURIComponent(`+86 ${phone}`)}`), { token: agent });
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]!.openTickets[0]?.status).toBe('dispatched');
      return response.body.items[0]!;
    });
    expect(card.customer).toMatchObject({ id: customerId, name: '孙*', masked: true, units: [{ projectCode: 'P001' }] });
    expect(card.openTickets).toEqual([
      { ticketId: ticket.id, number: ticket.number, status: 'dispatched', itemCode: 'repair.public_area', projectCode: 'P001', openedAt: expect.any(String), nextDueAt: expect.any(String), slaState: 'on_track' },
    ]);
    expect(card.lastContacts.map((c) => c.route)).toEqual(['follow_up', 'new_matter']);
    expect(JSON.stringify(card)).not.toContain(phone);
    expect(card.lastCallbacks).toEqual([]);
  });

  it('another project’s user finds no one; text that is no phone is 400 naming phone', async () => {
    const foreign = await callJson<CallerLookup>(i(`/v1/customers/lookup?phone=${phone}`), { token: otherProject });
    expect(foreign.body.items).toEqual([]);
    const bad = await callJson<Problem>(i('/v1/customers/lookup?phone=abc'), { token: agent });
    expect([bad.status, bad.body.code]).toEqual([400, 'CUSTOMER.INVALID_PHONE']);
    expect(bad.body.errors?.[0]?.field).toBe('phone');
  });
});
