import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { Browser, Page, chromium } from 'playwright-core';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';
import { requestFrom } from './support/api-walk';
import { SHORTEST_CONSUMER_SESSION } from './support/consumer-session';

/**
 * 回访 through the REST API and Kafka, with intake, tickets and callbacks as real processes:
 * a resolved complaint is called back 3 working days later by a calendar with holidays and
 * 调休, unanswered attempts fail it, a dissatisfied customer reopens the ticket and the next
 * resolution schedules anew, another project sees nothing, and a kill -9 loses and duplicates
 * nothing.
 */
const timerEnv = { SLA_TIMER_POLL_MS: '200' };
/**
 * The link lives from the callback's scheduling: a browser test must open and answer it within
 * this, after waits of its own that take a second or two and more on a loaded machine (the
 * framing test's for Chromium's error page); the expiry test waits it out.
 */
const LINK_TTL_SECONDS = 30;
const intake = new ServiceProcess('intake', 5101);
const tickets = new ServiceProcess('tickets', 5102, timerEnv);
// Killed and started again, twice.
const callbacks = new ServiceProcess('callbacks', 5103, {
  ...timerEnv,
  ...SHORTEST_CONSUMER_SESSION,
  QUESTIONNAIRE_BASE_URL: 'http://127.0.0.1:5103',
  QUESTIONNAIRE_LINK_TTL_SECONDS: String(LINK_TTL_SECONDS),
});
const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-CB-${run}`;
const OTHER_PROJECT = `E2E-CBX-${run}`;
const CALENDAR = `cb-${run}`;

let admin: string;
let agent: string;
let otherAgent: string;

interface Callback {
  id: string;
  status: string;
  ticketId: string;
  dueAt: string;
  createdAt: string;
  attempts: number;
  assignee?: string;
  satisfied?: boolean;
}

const DAY_MS = 86_400_000;
/** The Shanghai calendar date `days` after the one `at` falls on, as YYYY-MM-DD. */
function shanghaiDate(at: Date, days = 0): string {
  return new Date(at.getTime() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);
}
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/**
 * A calendar built around today, so the test means the same whatever day it runs: the next
 * three weekdays are holidays and the first weekend day after today is a 调休 working day.
 */
const today = new Date();
const ahead = Array.from({ length: 14 }, (_, i) => shanghaiDate(today, i + 1));
const HOLIDAYS = ahead.filter((d) => !isWeekend(d)).slice(0, 3);
const MAKEUP_DAY = ahead.find(isWeekend)!;
const office = [['08:30', '12:00'], ['13:30', '17:30']];
const CALENDAR_DOCUMENT = {
  timezone: 'Asia/Shanghai',
  workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: HOLIDAYS.map((date) => ({ date, name: '测试假期' })),
  workingDays: [{ date: MAKEUP_DAY, name: '测试调休' }],
};

/** Counted by hand from the calendar's rules: the start day is not counted; the Nth working day closes at 17:30. */
function expectedDue(resolvedAt: Date, workingDays: number): string {
  let counted = 0;
  for (let i = 1; ; i += 1) {
    const date = shanghaiDate(resolvedAt, i);
    const working = date === MAKEUP_DAY || (!isWeekend(date) && !HOLIDAYS.includes(date));
    if (working) counted += 1;
    if (counted === workingDays) return new Date(`${date}T17:30:00+08:00`).toISOString();
  }
}

const t = (path: string) => `${tickets.baseUrl}${path}`;
const c = (path: string) => `${callbacks.baseUrl}${path}`;

async function openComplaint(itemCode = 'complaint.service_quality'): Promise<string> {
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token: agent,
    body: {
      channel: 'phone',
      content: '投诉：楼道灯坏了一周没人修',
      itemCode,
      customer: { name: '测试', phone: newMobile('136'), projectCode: PROJECT },
    },
  });
  expect(contact.status).toBe(201);
  const ticketId = await eventually(async () => {
    const list = await callJson<{ items: { id: string }[] }>(t(`/v1/tickets?contactId=${contact.body.id}`), { token: admin });
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0]!.id;
  });
  // Validity is judged for repairs and complaints only (ADR 0166); any matter is dispatched.
  const judged = /^(complaint|repair)\./.test(itemCode);
  for (const [action, body] of [
    ...(judged ? [['validity', { decision: 'valid' }] as const] : []),
    ['dispatch', { department: 'engineering', handler: 'handler-e2e' }] as const,
  ]) {
    expect((await callJson(t(`/v1/tickets/${ticketId}/${action}`), { token: agent, body })).status).toBe(200);
  }
  return ticketId;
}

async function resolve(ticketId: string): Promise<void> {
  const resolved = await callJson<{ status: string }>(t(`/v1/tickets/${ticketId}/resolve`), { token: agent, body: { resolution: '已更换灯泡' } });
  expect([resolved.status, resolved.body.status]).toEqual([200, 'resolved']);
}

async function openCallback(ticketId: string, not?: string): Promise<Callback> {
  return eventually(async () => {
    const page = await callJson<{ items: Callback[] }>(c(`/v1/callbacks?ticketId=${ticketId}&status=due`), { token: agent });
    expect(page.status).toBe(200);
    const open = page.body.items.filter((i) => i.id !== not);
    expect(open).toHaveLength(1);
    return open[0]!;
  });
}

/**
 * Loopback, but neither 127.0.0.1, whose bucket of the questionnaire's limit the file's other
 * requests fill in a window that may end mid-guessing, nor an API walk's: all the guesses count in
 * one window of a bucket of their own.
 */
const GUESSING_FROM = '127.0.0.4';

const attempt = (id: string, body: object, token = agent) => callJson<Callback & { code?: string }>(c(`/v1/callbacks/${id}/attempts`), { token, body });

beforeAll(async () => {
  admin = await devToken({ roles: ['admin', 'supervisor'], sub: 'admin-e2e' });
  agent = await devToken({ roles: 'agent', sub: 'agent-cb', projects: [PROJECT] });
  otherAgent = await devToken({ roles: 'agent', sub: 'agent-cbx', projects: [OTHER_PROJECT] });
  await prepareDatabaseAndTopics(['intake', 'tickets', 'callbacks']);
  await Promise.all([intake.start(), tickets.start(), callbacks.start()]);
  expect((await callJson(t(`/v1/calendars/${CALENDAR}`), { method: 'PUT', token: admin, body: CALENDAR_DOCUMENT })).status).toBe(201);
  const policies = {
    policies: [
      {
        id: `complaint-${run}`,
        name: '投诉处理完毕3个工作日内回访',
        match: { sections: ['complaint'], projects: [PROJECT] },
        dueWorkingDays: 3,
        calendarId: CALENDAR,
        method: 'phone',
        attemptsAllowed: 3,
        retrySpacingMinutes: 1,
        assignTo: 'first_contact_owner',
      },
      {
        id: `value-added-${run}`,
        name: '增值服务2个工作日内问卷回访',
        match: { sections: ['value_added'], projects: [PROJECT] },
        dueWorkingDays: 2,
        calendarId: CALENDAR,
        method: 'questionnaire',
        attemptsAllowed: 1,
        retrySpacingMinutes: 60,
        assignTo: 'project_pool',
      },
    ],
  };
  // The calendar reaches callbacks through calendar.published; until then the policy is refused.
  await eventually(async () => {
    const put = await callJson(c('/v1/callback-policies'), { method: 'PUT', token: admin, body: policies });
    expect(put.status).toBe(200);
  }, 60_000);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop(), callbacks.stop()]);
});

describe('callbacks after resolution', () => {
  let firstTicket: string;
  let firstCallback: Callback;

  it('resolving a complaint schedules a callback due exactly 3 working days later by the calendar (holidays skipped, 调休 counted)', async () => {
    firstTicket = await openComplaint();
    await resolve(firstTicket);
    firstCallback = await openCallback(firstTicket);
    expect(firstCallback.dueAt).toBe(expectedDue(new Date(firstCallback.createdAt), 3));
    expect(firstCallback.assignee).toBe('agent-cb');
    const mine = await callJson<{ items: Callback[] }>(c(`/v1/callbacks?assignee=me&ticketId=${firstTicket}`), { token: agent });
    expect(mine.body.items.map((i) => i.id)).toEqual([firstCallback.id]);
  });

  it('another project’s agent sees none of it: empty queue, 404 on the id, 404 on an attempt', async () => {
    const queue = await callJson<{ items: Callback[] }>(c(`/v1/callbacks?ticketId=${firstTicket}`), { token: otherAgent });
    expect([queue.status, queue.body.items]).toEqual([200, []]);
    expect((await callJson(c(`/v1/callbacks/${firstCallback.id}`), { token: otherAgent })).status).toBe(404);
    expect((await attempt(firstCallback.id, { outcome: 'no_answer' }, otherAgent)).status).toBe(404);
    expect((await callJson<Callback>(c(`/v1/callbacks/${firstCallback.id}`), { token: agent })).body.attempts).toBe(0);
  });

  it('bad input is a 400 naming the field', async () => {
    const bad = await callJson<{ errors: { field: string }[] }>(c(`/v1/callbacks/${firstCallback.id}/attempts`), { token: agent, body: { outcome: 'reached', score: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toContain('score');
  });

  it('a dissatisfied answer reopens the ticket, and the next resolution schedules a new callback', async () => {
    const answered = await attempt(firstCallback.id, { outcome: 'reached', satisfaction: 'dissatisfied', score: 2, comment: '灯还是不亮' });
    expect([answered.status, answered.body.status, answered.body.satisfied]).toEqual([201, 'done', false]);
    await eventually(async () => {
      const ticket = await callJson<{ status: string; reopenCount: number }>(t(`/v1/tickets/${firstTicket}`), { token: agent });
      expect([ticket.body.status, ticket.body.reopenCount]).toEqual(['in_progress', 1]);
    });
    await resolve(firstTicket);
    const second = await openCallback(firstTicket, firstCallback.id);
    expect(second.id).not.toBe(firstCallback.id);
    const detail = await callJson<{ attemptHistory: { outcome: string; satisfaction: string }[]; ticket: { status: string } }>(c(`/v1/callbacks/${firstCallback.id}`), { token: agent });
    expect(detail.body.attemptHistory).toEqual([expect.objectContaining({ outcome: 'reached', satisfaction: 'dissatisfied' })]);
  });

  it('three unanswered attempts fail the callback', async () => {
    const ticketId = await openComplaint();
    await resolve(ticketId);
    const callback = await openCallback(ticketId);
    for (const outcome of ['no_answer', 'busy']) expect((await attempt(callback.id, { outcome })).body.status).toBe('due');
    const last = await attempt(callback.id, { outcome: 'no_answer' });
    expect([last.status, last.body.status, last.body.attempts]).toEqual([201, 'failed', 3]);
    expect((await attempt(callback.id, { outcome: 'no_answer' })).status).toBe(409);
    const failed = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM callbacks.outbox WHERE message_key = $1 AND event_type = 'callback.failed.v1'`, [callback.id]);
    expect(failed[0]!.n).toBe(1);
  });
});

describe('questionnaire callbacks', () => {
  /** The link callback.scheduled carries for the notifications service to send. */
  async function questionnaireLink(): Promise<{ callbackId: string; url: string }> {
    const ticketId = await openComplaint('value_added.agency');
    await resolve(ticketId);
    const callback = await openCallback(ticketId);
    const [row] = await adminQuery<{ payload: string }>(
      `SELECT payload FROM callbacks.outbox WHERE message_key = $1 AND event_type = 'callback.scheduled.v1'`,
      [callback.id],
    );
    const data = JSON.parse(row!.payload) as { method: string; questionnaire: { url: string } };
    expect(data.method).toBe('questionnaire');
    return { callbackId: callback.id, url: data.questionnaire.url };
  }
  const attemptsOf = async (id: string) => (await callJson<{ attempts: number; status: string }>(c(`/v1/callbacks/${id}`), { token: agent })).body;

  it('opening the link shows a zh-CN page and records nothing; the page’s POST records once; the link is then spent', async () => {
    const { callbackId, url } = await questionnaireLink();
    for (let i = 0; i < 2; i += 1) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('lang="zh-CN"');
    }
    expect(await attemptsOf(callbackId)).toMatchObject({ attempts: 0, status: 'due' });
    // 600 hearts: 600 characters to class-validator, 1,200 to the event's contract (each carries a variation selector).
    const hearts = await callJson<{ errors?: { field: string; code: string }[] }>(url, { body: { satisfaction: 'very_satisfied', comment: '❤️'.repeat(600) } });
    expect([hearts.status, hearts.body.errors?.map((e) => [e.field, e.code])]).toEqual([400, [['comment', 'too_long']]]);
    const answer = await callJson(url, { body: { satisfaction: 'very_satisfied', score: 5 } });
    expect(answer.status).toBe(204);
    expect(await attemptsOf(callbackId)).toMatchObject({ attempts: 1, status: 'done' });
    expect((await callJson<{ code: string }>(url, { body: { satisfaction: 'dissatisfied' } })).body.code).toBe('QUESTIONNAIRE.ANSWERED');
    expect((await fetch(url)).status).toBe(409);
  });

  it('an expired link is 410 on the page and on the answer, and records nothing', async () => {
    const { callbackId, url } = await questionnaireLink();
    const [link] = await adminQuery<{ expires_at: Date }>('SELECT expires_at FROM callbacks.questionnaire_links WHERE callback_id = $1', [callbackId]);
    await new Promise((done) => setTimeout(done, Math.max(link!.expires_at.getTime() - Date.now(), 0) + 1_000));
    expect((await fetch(url)).status).toBe(410);
    const refused = await callJson<{ code: string; type: string }>(url, { body: { satisfaction: 'satisfied' } });
    expect([refused.status, refused.body.code, refused.body.type]).toEqual([410, 'QUESTIONNAIRE.EXPIRED', 'urn:cs:problem:questionnaire-expired']);
    expect(await attemptsOf(callbackId)).toMatchObject({ attempts: 0 });
  });

  describe('in a real browser, as the customer opens it', () => {
    let browser: Browser;
    let framing: Server | undefined;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser?.close();
      await new Promise((done) => (framing ? framing.close(done) : done(undefined)));
    });

    /** A page of the questionnaire, and the errors its console reports (a script or style the policy refused among them). */
    async function open(url: string): Promise<{ page: Page; status: number | undefined; headers: Record<string, string>; consoleErrors: string[] }> {
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      const response = await page.goto(url);
      return { page, status: response?.status(), headers: response?.headers() ?? {}, consoleErrors };
    }

    it('the form answers through the page’s own script under its content security policy, sends no referrer, and the link is then spent', async () => {
      const { callbackId, url } = await questionnaireLink();
      const { page, status, headers, consoleErrors } = await open(url);
      expect([status, headers['referrer-policy'], headers['x-content-type-options']]).toEqual([200, 'no-referrer', 'nosniff']);
      expect(headers['content-security-policy']).toMatch(/script-src 'sha256-[^']+'.*frame-ancestors 'none'/);
      await page.check('input[value="satisfied"]');
      await page.selectOption('select[name="score"]', '4');
      await page.fill('textarea[name="comment"]', '维修师傅很及时');
      await page.click('button[type="submit"]');
      await page.waitForSelector('#r:not([hidden])');
      expect([await page.textContent('#r'), await page.isHidden('#q')]).toEqual(['提交成功，感谢您的评价！', true]);
      expect(await attemptsOf(callbackId)).toMatchObject({ attempts: 1, status: 'done' });
      const again = await page.reload();
      expect([again?.status(), await page.textContent('.msg')]).toEqual([409, '该问卷已提交，感谢您的评价！']);
      // A style or script the policy refused would be reported here, and the page would not have answered.
      expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      await page.close();
    });

    it('a form answered meanwhile elsewhere tells the customer so in Chinese, not a code', async () => {
      const { url } = await questionnaireLink();
      const { page } = await open(url);
      expect((await callJson(url, { body: { satisfaction: 'neutral' } })).status).toBe(204);
      await page.check('input[value="very_satisfied"]');
      await page.click('button[type="submit"]');
      await page.waitForSelector('#r:not([hidden])');
      expect([await page.textContent('#r'), await page.isHidden('#q')]).toEqual(['该问卷已提交，感谢您的评价！', true]);
      await page.close();
    });

    it('another site cannot show the questionnaire inside a frame of its own', async () => {
      const { url } = await questionnaireLink();
      framing = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><iframe src="${url}"></iframe>`));
      const port = await new Promise<number>((done) => framing!.listen(0, '127.0.0.1', () => done((framing!.address() as { port: number }).port)));
      const { page } = await open(`http://localhost:${port}/`);
      const child = page.frames().find((frame) => frame !== page.mainFrame());
      expect(child).toBeDefined();
      // Chromium answers a refused frame with its own error page: the questionnaire never renders in
      // it. The frame shows no address until that page is in (a loaded machine's moment).
      await eventually(async () => expect(child!.url()).toBe('chrome-error://chromewebdata/'));
      expect((await child!.content()).includes('服务回访问卷')).toBe(false);
      // The same link opened as a page of its own shows the questionnaire.
      const direct = await open(url);
      expect([direct.status, await direct.page.textContent('h1')]).toEqual([200, '服务回访问卷']);
      await direct.page.close();
      await page.close();
    });
  });

  it('a made-up link is 404, and guessing is rate-limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) statuses.push((await requestFrom(GUESSING_FROM, c(`/v1/questionnaires/guess${i}.sig`), 'GET', {}, undefined, false)).status);
    expect(statuses[0]).toBe(404);
    expect(statuses).toContain(429);
  });
});

describe('a key-customer plan', () => {
  it('schedules one callback for each key customer of the project, for the agent it names', async () => {
    const supervisor = await devToken({ roles: 'supervisor', sub: 'sup-cb', projects: [PROJECT] });
    const tag = `key_${run.replace(/[^a-z0-9]/g, '')}`;
    const registered: string[] = [];
    for (const tags of [[tag], [tag, 'owner'], ['owner']]) {
      const customer = await callJson<{ id: string }>(`${intake.baseUrl}/v1/customers`, {
        token: supervisor,
        body: { name: '重点客户', phones: [newMobile('137')], units: [{ projectCode: PROJECT, room: '808', relation: 'owner' }], tags },
      });
      expect(customer.status).toBe(201);
      registered.push(customer.body.id);
    }
    const assignee = `agent-key-${run}`;
    // The customers reach callbacks through customer.registered; a plan run selects those it knows then.
    await eventually(async () => {
      const n = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM callbacks.plan_customers WHERE customer_id = ANY($1::uuid[])', [registered]);
      expect(n[0]!.n).toBe(3);
    });
    const plan = await callJson<{ id: string; active: boolean }>(c('/v1/callback-plans'), {
      token: supervisor,
      body: { name: '重点客户月度回访', kind: 'key_customer', projectCode: PROJECT, tags: [tag], recurrence: { every: 'month' }, firstRunAt: new Date().toISOString(), method: 'phone', dueWorkingDays: 2, calendarId: CALENDAR, assignee },
    });
    expect([plan.status, plan.body.active]).toEqual([201, true]);
    const tasks = await eventually(async () => {
      const page = await callJson<{ items: (Callback & { kind: string; customerId: string })[] }>(c(`/v1/callbacks?assignee=${assignee}`), { token: supervisor });
      expect(page.body.items).toHaveLength(2);
      return page.body.items;
    });
    expect(tasks.map((t) => t.customerId).sort()).toEqual(registered.slice(0, 2).sort());
    expect(tasks.every((t) => t.kind === 'key_customer' && t.status === 'due')).toBe(true);
    const detail = await callJson<{ customer: { nameMasked: string; tags: string[] } }>(c(`/v1/callbacks/${tasks[0]!.id}`), { token: supervisor });
    expect(detail.body.customer.tags).toContain(tag);
    expect(detail.body.customer.nameMasked).not.toBe('重点客户');
    expect((await callJson(c(`/v1/callback-plans/${plan.body.id}`), { token: otherAgent })).status).toBe(404);
  });
});

describe('durability', () => {
  it('a kill -9 of callbacks while a resolution is on its way loses and duplicates nothing', async () => {
    const ticketId = await openComplaint();
    await callbacks.kill();
    await resolve(ticketId);
    await callbacks.start();
    const callback = await openCallback(ticketId);
    await callbacks.kill();
    await callbacks.start();
    const rows = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM callbacks.callbacks WHERE ticket_id = $1`, [ticketId]);
    const scheduled = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM callbacks.outbox WHERE message_key = $1 AND event_type = 'callback.scheduled.v1'`, [callback.id]);
    expect([rows[0]!.n, scheduled[0]!.n]).toEqual([1, 1]);
  });
});
