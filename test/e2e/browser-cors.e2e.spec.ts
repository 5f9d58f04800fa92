import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { Browser, chromium } from 'playwright-core';
import { ServiceProcess, callJson, devToken, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * A front end on another origin, in a real headless browser, through the gateway: it records a
 * contact with a bearer token and an Idempotency-Key, then polls the ticket list until the
 * ticket opened from that contact appears. A page from an origin CORS does not allow is refused.
 */
const GATEWAY_PORT = 4400;
const intake = new ServiceProcess('intake', 4401);
const tickets = new ServiceProcess('tickets', 4402);
const gateway = new ServiceProcess('gateway', GATEWAY_PORT, {
  UPSTREAM_INTAKE_URL: intake.baseUrl,
  UPSTREAM_TICKETS_URL: tickets.baseUrl,
  DEV_TOKENS_ENABLED: 'true',
});
const ALLOWED_PAGE_PORT = 4403;
const REFUSED_PAGE_PORT = 4404;
/** Not a loopback name, so outside the development default; chromium resolves it to 127.0.0.1. */
const REFUSED_HOST = 'desk.example.test';
const API = `http://127.0.0.1:${GATEWAY_PORT}`;

interface PageOutcome {
  readonly recordedStatus?: number;
  readonly contactId?: string;
  readonly requestId?: string | null;
  readonly ticketId?: string;
  readonly polls?: number;
  readonly error?: string;
}

/** The desk page: everything it does runs in the browser, under the browser's CORS rules. */
function deskPage(token: string, phone: string): string {
  const script = `
    window.outcome = (async () => {
      const auth = { Authorization: 'Bearer ${token}' };
      const recorded = await fetch('${API}/v1/contacts', {
        method: 'POST',
        credentials: 'include',
        headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': '${randomUUID()}' },
        body: JSON.stringify({ channel: 'web_chat', content: '网页端报修：楼道灯不亮', customer: { name: '吴十', phone: '${phone}' } }),
      });
      const contact = await recorded.json();
      for (let polls = 1; polls <= 120; polls++) {
        const list = await fetch('${API}/v1/tickets?contactId=' + encodeURIComponent(contact.id), { credentials: 'include', headers: auth });
        const page = await list.json();
        if (page.items && page.items.length > 0) {
          return { recordedStatus: recorded.status, contactId: contact.id, requestId: recorded.headers.get('X-Request-Id'), ticketId: page.items[0].id, polls };
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return { error: 'the ticket never appeared' };
    })().catch((error) => ({ error: String(error) }));`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>desk</title></head><body><script>${script}</script></body></html>`;
}

function servePage(port: number, html: () => string): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html()));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

let browser: Browser;
let token: string;
let pages: Server[] = [];

beforeAll(async () => {
  await prepareDatabaseAndTopics(['intake', 'tickets']);
  await Promise.all([intake.start(), tickets.start()]);
  await gateway.start();
  const minted = await callJson<{ token: string }>(`${API}/v1/dev/token`, { body: { roles: ['agent'], sub: 'agent-web', name: '网页客服' } });
  expect(minted.status).toBe(200);
  token = minted.body.token;
  pages = await Promise.all([servePage(ALLOWED_PAGE_PORT, () => deskPage(token, newMobile())), servePage(REFUSED_PAGE_PORT, () => deskPage(token, newMobile()))]);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', `--host-resolver-rules=MAP ${REFUSED_HOST} 127.0.0.1`],
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(pages.map((server) => new Promise((resolve) => server.close(resolve))));
  await gateway.stop();
  await Promise.all([intake.stop(), tickets.stop()]);
});

describe('a browser front end on another origin', () => {
  it('records a contact through the gateway and sees its ticket open', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${ALLOWED_PAGE_PORT}/`);
    const outcome = await page.evaluate(() => (globalThis as unknown as { outcome: Promise<PageOutcome> }).outcome);
    await page.close();
    expect(outcome.error).toBeUndefined();
    expect(outcome.recordedStatus).toBe(201);
    expect(outcome.contactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.ticketId).toMatch(/^[0-9a-f-]{36}$/);
    // Readable only because the gateway exposes it to scripts of other origins.
    expect(outcome.requestId).toEqual(expect.any(String));
    const ticket = await callJson<{ id: string }>(`${tickets.baseUrl}/v1/tickets/${outcome.ticketId}`, { token: await devToken({ roles: 'supervisor' }) });
    expect(ticket.body.id).toBe(outcome.ticketId);
  });

  it('from an origin CORS does not allow, the browser refuses to let the page read anything', async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`http://${REFUSED_HOST}:${REFUSED_PAGE_PORT}/`);
    const outcome = await page.evaluate(() => (globalThis as unknown as { outcome: Promise<PageOutcome> }).outcome);
    await page.close();
    expect(outcome.contactId).toBeUndefined();
    expect(outcome.error).toMatch(/Failed to fetch/);
    expect(console.join('\n')).toMatch(/blocked by CORS policy/);
  });
});

describe('CORS and field errors, as a browser would meet them', () => {
  const preflight = (baseUrl: string, origin: string) =>
    fetch(`${baseUrl}/v1/contacts`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });

  it.each([
    ['the gateway', API],
    ['a service itself', intake.baseUrl],
  ])('%s answers a preflight from a local front end with 204 and credentials', async (_name, baseUrl) => {
    const response = await preflight(baseUrl, 'http://localhost:5173');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
  });

  it('a contact with three bad fields is one 400 listing all three with rule codes, in Chinese when asked', async () => {
    const response = await callJson<{ code: string; detail: string; errors: { field: string; code: string; params: Record<string, unknown>; message: string }[] }>(
      `${API}/v1/contacts`,
      {
        token,
        headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
        body: { channel: 'fax', content: '长'.repeat(4001), customer: { name: '郑十一', phone: '12345' } },
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION.FAILED');
    const byField = Object.fromEntries(response.body.errors.map((e) => [e.field, e]));
    expect(response.body.errors).toHaveLength(3);
    expect(byField['channel']).toMatchObject({ code: 'not_one_of', params: { allowed: expect.arrayContaining(['phone', 'web_chat']) } });
    expect(byField['content']).toMatchObject({ code: 'too_long', params: { max: 4000 }, message: '不能超过4000个字符' });
    expect(byField['customer.phone']).toMatchObject({ code: 'invalid_phone', message: '不是有效的电话号码' });
    expect(response.body.detail).toMatch(/以下字段有误/);
  });

  it('the gateway’s /docs-json is the services’ documents merged, with the field-error shape', async () => {
    const document = await callJson<{ paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(`${API}/docs-json`);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/v1/contacts', '/v1/tickets', '/v1/tickets/{id}', '/v1/dev/token']));
    expect(JSON.stringify(document.body.components.schemas['ProblemDetails'])).toContain('invalid_phone');
  });
});
