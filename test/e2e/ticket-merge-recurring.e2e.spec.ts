import { randomUUID } from 'node:crypto';
import { OFFICE_WEEK } from '@cs/business-calendar';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * Three things a desk needs beyond one ticket at a time, through the REST API of real
 * processes: a duplicate ticket merged into its survivor keeps every contact (and later
 * contacts follow it there, and reports count the matter once); a weekly inspection opens on
 * the right working day when its day is a holiday, dispatched at once; and two people opening
 * one ticket each see the other.
 */
const intake = new ServiceProcess('intake', 5801);
const tickets = new ServiceProcess('tickets', 5802, { SLA_TIMER_POLL_MS: '200' });
const reporting = new ServiceProcess('reporting', 5803);
const run = randomUUID().slice(0, 6);
const PROJECT = `MRG-${run}`;

interface Contact {
  contactId: string;
  kind: string;
  mergedFrom?: string;
}
interface Presence {
  userId: string;
  name: string;
  mode: string;
}
interface TicketView {
  id: string;
  number: string;
  status: string;
  channel: string;
  department?: string;
  mergedInto?: string;
  origin?: { kind: string; scheduleId: string; occurrenceOn: string };
  repeatContactCount: number;
  contacts?: Contact[];
  presence?: Presence[];
  history: { action: string; actor: string; details: Record<string, unknown> }[];
  code?: string;
}

let agent: string;
let supervisor: string;
let admin: string;

const t = (path: string) => `${tickets.baseUrl}${path}`;

async function contact(customerPhone: string, itemCode: string, ticketId?: string): Promise<{ id: string; route: string; ticketId?: string }> {
  const recorded = await callJson<{ id: string; route: string; ticketId?: string }>(`${intake.baseUrl}/v1/contacts`, {
    token: agent,
    body: { channel: 'phone', content: '卫生间天花板漏水', itemCode, ...(ticketId ? { ticketId } : {}), customer: { name: '测试', phone: customerPhone, projectCode: PROJECT } },
  });
  expect(recorded.status).toBe(201);
  return recorded.body;
}

async function ticketOf(contactId: string): Promise<TicketView> {
  return eventually(async () => {
    const list = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?contactId=${contactId}`), { token: agent });
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0]!;
  });
}

const read = (id: string, token = agent) => callJson<TicketView>(t(`/v1/tickets/${id}`), { token });

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: `agent-${run}`, name: '李客服', projects: [PROJECT] });
  supervisor = await devToken({ roles: 'supervisor', sub: `sup-${run}`, name: '赵主管', projects: [PROJECT] });
  admin = await devToken({ roles: 'admin', sub: `admin-${run}` });
  await prepareDatabaseAndTopics(['intake', 'tickets', 'reporting']);
  await Promise.all([intake.start(), tickets.start(), reporting.start()]);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop(), reporting.stop()]);
});

describe('merging duplicate tickets (工单合并)', () => {
  it('a merge keeps every contact; later contacts follow the survivor; the duplicate is read-only; reports count the matter once', async () => {
    const customer = newMobile();
    const first = await contact(customer, 'repair.public_area');
    const survivor = await ticketOf(first.id);
    // Another item: intake sees a new matter, though it is the same leak.
    const second = await contact(customer, 'repair.own_unit');
    const duplicate = await ticketOf(second.id);
    const followUp = await contact(customer, 'repair.own_unit', duplicate.id);
    expect(followUp).toMatchObject({ route: 'follow_up', ticketId: duplicate.id });
    await eventually(async () => expect((await read(duplicate.id)).body.repeatContactCount).toBe(1));

    const before = await read(survivor.id);
    const merged = await callJson<TicketView>(t(`/v1/tickets/${survivor.id}/merges`), {
      token: agent,
      headers: { 'if-match': before.headers.get('etag')!, 'idempotency-key': `merge-${run}` },
      body: { ticketId: duplicate.id, reason: '同一漏水' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.contacts!.map((c) => c.contactId).sort()).toEqual([first.id, second.id, followUp.id].sort());
    expect(merged.body.contacts!.filter((c) => c.mergedFrom === duplicate.id)).toHaveLength(2);
    expect(merged.body.repeatContactCount).toBe(2);
    expect(merged.body.history.at(-1)).toMatchObject({ action: 'merge', details: { mergedTicketId: duplicate.id } });

    const gone = await read(duplicate.id);
    expect(gone.body).toMatchObject({ status: 'closed', mergedInto: survivor.id, contacts: [] });
    const refused = await callJson<{ code: string; mergedInto: string }>(t(`/v1/tickets/${duplicate.id}/dispatch`), { token: agent, body: { department: 'engineering' } });
    expect(refused).toMatchObject({ status: 409, body: { code: 'TICKET.MERGED', mergedInto: survivor.id } });

    // Intake learns of the merge from ticket.merged: a contact naming the duplicate follows up the survivor.
    await eventually(async () => {
      const [known] = await adminQuery<{ merged_into: string | null }>('SELECT merged_into::text FROM intake.known_tickets WHERE ticket_id = $1', [duplicate.id]);
      expect(known?.merged_into).toBe(survivor.id);
    });
    const late = await contact(customer, 'repair.own_unit', duplicate.id);
    expect(late).toMatchObject({ route: 'follow_up', ticketId: survivor.id });
    await eventually(async () => expect((await read(survivor.id)).body.contacts!.map((c) => c.contactId)).toContain(late.id));

    const published = await eventually(async () => {
      const rows = await adminQuery<{ event_type: string; published_at: Date | null }>('SELECT event_type, published_at FROM tickets.outbox WHERE message_key = $1 ORDER BY seq', [duplicate.id]);
      expect(rows.every((r) => r.published_at !== null)).toBe(true);
      return rows.map((r) => r.event_type);
    });
    expect(published).toContain('ticket.merged.v1');

    await eventually(async () => {
      const [fact] = await adminQuery<{ merged_into: string | null }>('SELECT merged_into::text FROM reporting.ticket_facts WHERE ticket_id = $1', [duplicate.id]);
      expect(fact?.merged_into).toBe(survivor.id);
      const summary = await callJson<{ byProject: Record<string, number> }>(`${reporting.baseUrl}/v1/reports/summary`, { token: supervisor });
      expect(summary.body.byProject[PROJECT]).toBe(1);
    });
  });

  it('tickets of different customers are not merged (422), nor with a stale If-Match (412)', async () => {
    const a = await ticketOf((await contact(newMobile(), 'repair.public_area')).id);
    const b = await ticketOf((await contact(newMobile(), 'repair.public_area')).id);
    const other = await callJson<{ code: string }>(t(`/v1/tickets/${a.id}/merges`), { token: agent, body: { ticketId: b.id } });
    expect(other).toMatchObject({ status: 422, body: { code: 'TICKET.MERGE_OTHER_CUSTOMER' } });
    const stale = await callJson<{ code: string }>(t(`/v1/tickets/${a.id}/merges`), { token: agent, headers: { 'if-match': 'W/"99"' }, body: { ticketId: b.id } });
    expect(stale).toMatchObject({ status: 412, body: { code: 'TICKET.VERSION_CONFLICT' } });
  });
});

describe('recurring tickets (周期工单)', () => {
  /** A Thursday at least a week back in Shanghai, made a holiday of the test's own calendar. */
  function pastThursday(): string {
    const day = new Date(Date.now() + 8 * 3_600_000 - 8 * 86_400_000);
    while (day.getUTCDay() !== 4) day.setUTCDate(day.getUTCDate() - 1);
    return day.toISOString().slice(0, 10);
  }
  const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  it('a weekly inspection opens on the right working day (skipping a holiday), dispatched to its department', async () => {
    const holiday = pastThursday();
    const calendarId = `inspection-${run}`;
    const calendar = await callJson(t(`/v1/calendars/${calendarId}`), {
      method: 'PUT',
      token: admin,
      body: { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: holiday, name: '测试假日' }], workingDays: [] },
    });
    expect(calendar.status).toBeLessThan(300);

    const schedule = {
      name: '3栋消防设施周检',
      projectCode: PROJECT,
      itemCode: 'repair.public_area',
      department: `engineering-${run}`,
      recurrence: { every: 'week', weekdays: [4] },
      timeOfDay: '09:00',
      calendarId,
      startsOn: holiday,
      endsOn: holiday,
    };
    expect((await callJson(t('/v1/ticket-schedules'), { token: agent, body: schedule })).status).toBe(403);
    const created = await callJson<{ id: string }>(t('/v1/ticket-schedules'), { token: supervisor, body: schedule });
    expect(created.status).toBe(201);

    const opened = await eventually(async () => {
      const schedule = await callJson<{ recent: { ticketId: string; occurrenceOn: string; opensOn: string }[]; next?: unknown }>(t(`/v1/ticket-schedules/${created.body.id}`), {
        token: supervisor,
      });
      expect(schedule.body.recent).toHaveLength(1);
      expect(schedule.body.next).toBeUndefined();
      return schedule.body.recent[0]!;
    });
    expect(opened).toMatchObject({ occurrenceOn: holiday, opensOn: nextDay(holiday) });
    // A day no calendar counts is refused naming the field, and the schedule stays as it was.
    const replaced = await callJson<{ code: string; errors?: { field: string }[] }>(t(`/v1/ticket-schedules/${created.body.id}`), {
      method: 'PUT',
      token: supervisor,
      body: { ...schedule, startsOn: '0339-04-03', endsOn: '0539-12-26' },
    });
    expect(replaced.status).toBe(422);
    expect(replaced.body.code).toBe('TICKET_SCHEDULE.INVALID');
    expect(replaced.body.errors?.map((e) => e.field)).toEqual(['startsOn']);
    expect((await callJson<{ startsOn: string }>(t(`/v1/ticket-schedules/${created.body.id}`), { token: supervisor })).body.startsOn).toBe(holiday);
    const ticket = (await read(opened.ticketId)).body;
    expect(ticket).toMatchObject({
      channel: 'schedule',
      status: 'dispatched',
      department: `engineering-${run}`,
      origin: { kind: 'schedule', scheduleId: created.body.id, occurrenceOn: holiday },
    });
    // Opened late (the occurrence lies in the past), its clocks count from the occurrence: SLA timers may follow.
    expect(ticket.history.slice(0, 2).map((h) => [h.action, h.actor])).toEqual([
      ['created', `sup-${run}`],
      ['dispatch', 'system'],
    ]);
  });
});

describe('who else has a ticket open (协同提示)', () => {
  it('two users opening one ticket each see the other', async () => {
    const ticket = await ticketOf((await contact(newMobile(), 'repair.public_area')).id);
    const wang = await devToken({ roles: 'agent', sub: `agent-wang-${run}`, name: '王客服', projects: [PROJECT] });
    const heartbeat = (token: string, mode: string) => callJson<{ presence: Presence[] }>(t(`/v1/tickets/${ticket.id}/presence`), { method: 'PUT', token, body: { mode } });

    expect((await heartbeat(agent, 'viewing')).body.presence).toEqual([]);
    expect((await heartbeat(wang, 'editing')).body.presence.map((p) => p.name)).toEqual(['李客服']);
    expect((await read(ticket.id, agent)).body.presence).toEqual([expect.objectContaining({ userId: `agent-wang-${run}`, name: '王客服', mode: 'editing' })]);
    expect((await read(ticket.id, wang)).body.presence).toEqual([expect.objectContaining({ userId: `agent-${run}`, name: '李客服', mode: 'viewing' })]);

    // Presence is advice: a write by the second user still needs the current version.
    const etag = (await read(ticket.id, wang)).headers.get('etag')!;
    expect((await callJson(t(`/v1/tickets/${ticket.id}/dispatch`), { token: agent, headers: { 'if-match': etag }, body: { department: 'engineering' } })).status).toBe(200);
    expect((await callJson(t(`/v1/tickets/${ticket.id}/dispatch`), { token: wang, headers: { 'if-match': etag }, body: { department: 'security' } })).status).toBe(412);

    expect((await callJson(t(`/v1/tickets/${ticket.id}/presence`), { method: 'DELETE', token: wang })).status).toBe(204);
    expect((await read(ticket.id, agent)).body.presence).toEqual([]);
  });
});
