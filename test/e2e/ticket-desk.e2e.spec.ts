import { randomUUID } from 'node:crypto';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * The supervisor's and the desk's daily work through the REST API: queues filtered and
 * counted within a project, a suggestion handled to its reward, and an invalid complaint
 * closed only with a reply the supervisor approved — each step in the history and published.
 */
const tickets = new ServiceProcess('tickets', 4901);
const intake = new ServiceProcess('intake', 4902);
const run = randomUUID().slice(0, 6);
const PROJECT = `DESK-${run}`;
const OTHER_PROJECT = `DESK-X-${run}`;

interface TicketView {
  id: string;
  status: string;
  ownerId: string;
  department?: string;
  suggestion?: { implementation?: { status: string }; reward?: { kind: string } };
  approvedReply?: { text: string };
  history: { action: string; details: Record<string, unknown> }[];
}
interface Counts {
  total: number;
  byStatus: Record<string, number>;
  byGrade: Record<string, number>;
}

let agent: string;
let otherAgent: string;
let supervisor: string;
let handler: string;

const t = (path: string) => `${tickets.baseUrl}${path}`;

async function openTicket(itemCode: string, token = agent, project = PROJECT, grade?: string): Promise<TicketView> {
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token,
    body: {
      channel: 'phone',
      content: '来电',
      itemCode,
      ...(grade ? { grade } : {}),
      customer: { name: '测试', phone: newMobile('135'), projectCode: project },
    },
  });
  expect(contact.status).toBe(201);
  return eventually(async () => {
    const list = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?contactId=${contact.body.id}`), { token });
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0]!;
  });
}

const post = (id: string, path: string, body: object, token = agent) => callJson<TicketView & { code?: string }>(t(`/v1/tickets/${id}/${path}`), { token, body });

/** The ticket's events the relay published to Kafka, in order. */
const published = (ticketId: string) =>
  eventually(async () => {
    const rows = await adminQuery<{ event_type: string; published_at: Date | null }>('SELECT event_type, published_at FROM tickets.outbox WHERE message_key = $1 ORDER BY seq', [ticketId]);
    expect(rows.every((r) => r.published_at !== null)).toBe(true);
    return rows.map((r) => r.event_type);
  });

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: `agent-${run}`, projects: [PROJECT] });
  otherAgent = await devToken({ roles: 'agent', sub: `agent-x-${run}`, projects: [OTHER_PROJECT] });
  supervisor = await devToken({ roles: 'supervisor', sub: `sup-${run}`, projects: [PROJECT] });
  handler = await devToken({ roles: 'handler', sub: `handler-${run}`, department: `property-${run}` });
  await prepareDatabaseAndTopics(['intake', 'tickets']);
  await Promise.all([intake.start(), tickets.start()]);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop()]);
});

describe('a suggestion (建议) handled', () => {
  it('goes evaluate → forward → implemented → rewarded, each step in the history and published; out of order is 409', async () => {
    const ticket = await openTicket('suggestion.general');
    const department = `property-${run}`;

    expect((await post(ticket.id, 'suggestion/reward', { kind: 'gift', description: '礼品' })).status).toBe(409);
    expect((await post(ticket.id, 'suggestion/evaluation', { reasonable: true, feasible: true, valuable: true, comment: '好' }, otherAgent)).status).toBe(404);

    expect((await post(ticket.id, 'suggestion/evaluation', { reasonable: true, feasible: true, valuable: true, comment: '增设快递柜，业主电话13800138000' })).status).toBe(200);
    const forwarded = await post(ticket.id, 'suggestion/forward', { department });
    expect(forwarded.body).toMatchObject({ status: 'dispatched', department });
    expect((await post(ticket.id, 'suggestion/implementation', { status: 'in_progress' }, handler)).status).toBe(200);
    expect((await post(ticket.id, 'suggestion/implementation', { status: 'implemented', result: '已增设' }, handler)).body.suggestion).toMatchObject({ implementation: { status: 'implemented' } });
    const rewarded = await post(ticket.id, 'suggestion/reward', { kind: 'coupon', description: '物业费抵用券', value: 50 });
    expect(rewarded.status).toBe(200);
    expect(rewarded.body.suggestion).toMatchObject({ reward: { kind: 'coupon' } });

    const history = rewarded.body.history.filter((h) => h.action.startsWith('suggestion_'));
    expect(history.map((h) => h.action)).toEqual([
      'suggestion_evaluated',
      'suggestion_forwarded',
      'suggestion_implementation_recorded',
      'suggestion_implementation_recorded',
      'suggestion_rewarded',
    ]);
    expect(JSON.stringify(history[0]!.details)).not.toContain('13800138000');
    expect(await published(ticket.id)).toEqual([
      'ticket.created.v1',
      'ticket.suggestion_evaluated.v1',
      'ticket.suggestion_forwarded.v1',
      'ticket.dispatched.v1',
      'ticket.suggestion_implementation_recorded.v1',
      'ticket.suggestion_implementation_recorded.v1',
      'ticket.suggestion_rewarded.v1',
    ]);
  });
});

describe('an invalid complaint without a unified answer', () => {
  it('cannot be closed until a supervisor approves the reply', async () => {
    const ticket = await openTicket('complaint.service_quality');
    expect((await post(ticket.id, 'validity', { decision: 'invalid', reason: '不属于物业服务范围' })).body.status).toBe('resolved');

    const refused = await post(ticket.id, 'close', {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('TICKET.REPLY_APPROVAL_REQUIRED');
    expect((await post(ticket.id, 'reply-approval', { text: '答复' })).status).toBe(403);

    expect((await post(ticket.id, 'reply-approval', { text: '经核实，不属于物业服务范围，已告知业主' }, supervisor)).body.approvedReply).toMatchObject({ text: '经核实，不属于物业服务范围，已告知业主' });
    expect((await post(ticket.id, 'close', {})).body.status).toBe('closed');
    // Timers may add sla.* and ticket.escalated depending on the hour the test runs (a complaint
    // opened after hours has already missed its same-day dispatch); the commands' events are these.
    const timed = (type: string) => type.startsWith('sla.') || type === 'ticket.escalated.v1';
    expect((await published(ticket.id)).filter((type) => !timed(type))).toEqual([
      'ticket.created.v1',
      'ticket.validity_decided.v1',
      'ticket.resolved.v1',
      'ticket.reply_approved.v1',
      'ticket.closed.v1',
    ]);
  });
});

describe('queues', () => {
  it('filter by owner, grade and mine, and count per status, within the caller’s projects', async () => {
    const [general, major] = [await openTicket('repair.public_area'), await openTicket('complaint.construction_quality', agent, PROJECT, 'major')];
    await openTicket('repair.public_area', otherAgent, OTHER_PROJECT);

    const mine = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?mine=true&project=${PROJECT}`), { token: agent });
    expect(mine.body.items.map((i) => i.id).sort()).toEqual(expect.arrayContaining([general.id, major.id].sort()));
    expect(mine.body.items.every((i) => i.ownerId === `agent-${run}`)).toBe(true);

    const majors = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?grade=major&owner=agent-${run}`), { token: supervisor });
    expect(majors.body.items.map((i) => i.id)).toEqual([major.id]);

    const counts = await callJson<Counts>(t(`/v1/tickets/counts?owner=agent-${run}&section=repair`), { token: supervisor });
    expect(counts.body).toMatchObject({ total: 1, byStatus: { new: 1 }, byGrade: { general: 1, major: 0 } });
    const elsewhere = await callJson<Counts>(t('/v1/tickets/counts?section=repair'), { token: otherAgent });
    expect(elsewhere.body.total).toBe(1);

    const bogus = await callJson<{ code: string; errors: { field: string }[] }>(t('/v1/tickets?status=bogus'), { token: supervisor });
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors.map((e) => e.field)).toEqual(['status']);
  });
});
