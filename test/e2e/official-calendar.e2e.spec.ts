import { randomUUID } from 'node:crypto';
import { OFFICE_WEEK } from '@cs/business-calendar';
import { ServiceProcess, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * Official holidays out of the box and deadlines that follow calendar changes: on a fresh
 * install the default calendar knows National Day, its 调休 days and Spring Festival 2026 (from
 * the chinese-days package, provisioned by migrate.js), and a change to the calendar moves an
 * open ticket's deadline, with a history entry saying from where to where.
 */
const tickets = new ServiceProcess('tickets', 4701, { SLA_TIMER_POLL_MS: '200' });
const intake = new ServiceProcess('intake', 4702);
const PROJECT = `E2E-CAL-${randomUUID().slice(0, 6)}`;
const t = (path: string) => `${tickets.baseUrl}${path}`;

interface CalendarView {
  id: string;
  version: number;
  timezone: string;
  workingHours: Record<string, string[][]>;
  holidays: { date: string; name: string }[];
  workingDays: { date: string; name: string }[];
}
interface TicketView {
  id: string;
  occurredAt: string;
  clocks: { kind: string; dueAt: string }[];
  history: { action: string; details: { calendarId?: string; changes?: { clock: string; previousDueAt: string; dueAt: string }[] } }[];
}

let admin: string;
let agent: string;

const due = async (calendarId: string, from: string, workingDays: number) => {
  const response = await callJson<{ due: string }>(t(`/v1/calendars/${calendarId}/add?from=${encodeURIComponent(from)}&workingDays=${workingDays}`), { token: agent });
  expect(response.status).toBe(200);
  return response.body.due;
};

async function openRepair(): Promise<TicketView> {
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token: agent,
    body: {
      channel: 'phone',
      content: '电梯异响',
      itemCode: 'repair.public_area',
      customer: { name: '测试', phone: newMobile('137'), projectCode: PROJECT },
    },
  });
  expect(contact.status).toBe(201);
  return eventually(async () => {
    const list = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?contactId=${contact.body.id}`), { token: admin });
    expect(list.body.items).toHaveLength(1);
    return (await callJson<TicketView>(t(`/v1/tickets/${list.body.items[0]!.id}`), { token: admin })).body;
  });
}

const resolutionDue = (ticket: TicketView) => ticket.clocks.find((c) => c.kind === 'resolution')!.dueAt;

beforeAll(async () => {
  admin = await devToken({ roles: ['admin', 'supervisor'], sub: 'admin-e2e-calendar' });
  agent = await devToken({ roles: 'agent', sub: 'agent-e2e-calendar', projects: [PROJECT] });
  // The official days are what tickets' migration step provisions: the suite runs it itself, whichever suite migrated first.
  await prepareDatabaseAndTopics(['intake', 'tickets'], { migrateAgain: ['tickets'] });
  await Promise.all([intake.start(), tickets.start()]);
});

afterAll(async () => {
  // Back to what a fresh install has: office hours, every year from the official data.
  await callJson(t('/v1/calendars/default'), { method: 'PUT', token: admin, body: { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] } });
  await Promise.all([intake.stop(), tickets.stop()]);
});

describe('the default calendar on a fresh install', () => {
  it('given the day before National Day 2026, when 1 working day is added, then the deadline skips the holiday week', async () => {
    expect(await due('default', '2026-09-30T10:00:00+08:00', 1)).toBe('2026-10-08T17:30:00+08:00');
  });

  it('given the 调休 days the official data gives around National Day and Spring Festival 2026, then they are working days', async () => {
    // Sunday 09-20 and Saturday 10-10 are worked for National Day; Saturday 02-14 for Spring Festival.
    expect(await due('default', '2026-09-19T10:00:00+08:00', 1)).toBe('2026-09-20T17:30:00+08:00');
    expect(await due('default', '2026-10-09T10:00:00+08:00', 1)).toBe('2026-10-10T17:30:00+08:00');
    expect(await due('default', '2026-02-13T10:00:00+08:00', 1)).toBe('2026-02-14T17:30:00+08:00');
  });

  it('shows the official days in the calendar document, named in Chinese', async () => {
    const { body } = await callJson<CalendarView>(t('/v1/calendars/default'), { token: agent });
    expect(body.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(body.workingDays).toContainEqual({ date: '2026-10-10', name: '国庆节调休上班' });
  });
});

describe('a calendar change moves open deadlines', () => {
  it('given an open ticket timed by default, when the company closes on the next working day, then its deadline moves a day with a history entry', async () => {
    const ticket = await openRepair();
    const before = resolutionDue(ticket);
    const closure = (await due('default', ticket.occurredAt, 1)).slice(0, 10);

    const current = await callJson<CalendarView>(t('/v1/calendars/default'), { token: admin });
    const { id: _id, version: _version, ...document } = current.body;
    const changed = {
      ...document,
      holidays: [...document.holidays, { date: closure, name: '公司停业' }],
      workingDays: document.workingDays.filter((d) => d.date !== closure),
    };
    const put = await callJson<CalendarView>(t('/v1/calendars/default'), { method: 'PUT', token: admin, body: changed });
    expect(put.status).toBe(200);
    expect(put.body.version).toBeGreaterThan(current.body.version);

    const expected = new Date(await due('default', ticket.occurredAt, 3)).toISOString();
    expect(expected).not.toBe(before);
    // The view computes deadlines from the calendar at once; the recompute job replans the
    // ticket's timers and says so in its history. The job walks every open ticket on the default
    // calendar, in id order: every open ticket the suites before this one opened in the run's
    // database (6,600 took 52 s on a busy machine), so it is given minutes, not seconds.
    const entry = await eventually(
      async () => {
        const view = (await callJson<TicketView>(t(`/v1/tickets/${ticket.id}`), { token: admin })).body;
        expect(resolutionDue(view)).toBe(expected);
        const recomputed = view.history.find((h) => h.action === 'deadlines_recomputed');
        expect(recomputed).toBeDefined();
        return recomputed!;
      },
      180_000,
      500,
    );
    expect(entry.details).toMatchObject({
      calendarId: 'default',
      changes: expect.arrayContaining([{ clock: 'resolution', previousDueAt: before, dueAt: expected }]),
    });
  });
});
