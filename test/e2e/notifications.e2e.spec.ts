import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { IncomingMessage, Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceProcess, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * Escalations reach people, through the REST API and real processes: a major complaint recorded
 * on intake becomes a ticket escalated to the leaders, and the notifications service puts it in
 * the inbox of a supervisor of that project (and no other project's), pushes it down their live
 * stream, and POSTs it, signed, to the company's subscribed webhook receiver.
 */
const intake = new ServiceProcess('intake', 4801);
const tickets = new ServiceProcess('tickets', 4802);
const notifications = new ServiceProcess('notifications', 4803, {
  NOTIFICATION_FEED_POLL_MS: '100',
  NOTIFICATION_DELIVERY_POLL_MS: '100',
  NOTIFICATION_STREAM_HEARTBEAT_MS: '300',
});
const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-N-${run}`;
const OTHER_PROJECT = `E2E-NX-${run}`;
const n = (path: string) => `${notifications.baseUrl}${path}`;

interface NotificationView {
  id: string;
  kind: string;
  title: string;
  // An incident's notification names `incident` instead.
  ticket?: { id: string; number: string; projectCode?: string };
  level?: number;
  reason?: string;
  audience: { roles: string[]; projectCode?: string };
  read: boolean;
}
interface Inbox {
  items: NotificationView[];
  nextCursor?: string;
  unreadCount: number;
}
interface Delivery {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode?: number;
}

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A live stream read as a browser's EventSource would, over a plain HTTP client. */
class EventStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  contentType = '';
  private readonly abort = new AbortController();
  private done?: Promise<void>;

  async open(token: string, lastEventId?: string): Promise<void> {
    const response = await fetch(n('/v1/notifications/stream'), {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: this.abort.signal,
    });
    this.status = response.status;
    this.contentType = response.headers.get('content-type') ?? '';
    this.done = this.read(response.body!.getReader()).catch(() => undefined);
  }

  close(): Promise<void> | undefined {
    this.abort.abort();
    return this.done;
  }

  notificationFor(ticketId: string): (SseEvent & { notification: NotificationView }) | undefined {
    return this.events
      .filter((e) => e.event === 'notification')
      .map((e) => ({ ...e, notification: JSON.parse(e.data!) as NotificationView }))
      .find((e) => e.notification.ticket?.id === ticketId);
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private parse(block: string): void {
    const event: SseEvent = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) event.data = line.slice(6);
    }
    if (event.event) this.events.push(event);
  }
}

/** What a receiver does, exactly as the README tells it: HMAC-SHA256 over "<t>.<raw body>", compared in constant time, t recent. */
function signatureHolds(header: string, secret: string, rawBody: string): boolean {
  const fields = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const expected = createHmac('sha256', secret).update(`${fields['t']}.${rawBody}`).digest();
  const given = Buffer.from(String(fields['v1']), 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(fields['t'])) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/** The company's gateway: records each POST and whether its signature holds with the secret it was given. */
class WebhookReceiver {
  readonly received: { valid: boolean; delivery: string; event: string; body: Record<string, unknown> }[] = [];
  secret = '';
  private readonly server: Server = createServer((request, response) => void this.handle(request).then(() => response.writeHead(204).end()));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cs/notifications`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    this.received.push({
      valid: signatureHolds(String(request.headers['x-cs-signature']), this.secret, raw),
      delivery: String(request.headers['x-cs-delivery']),
      event: String(request.headers['x-cs-event']),
      body: JSON.parse(raw) as Record<string, unknown>,
    });
  }
}

let admin: string;
let agent: string;
let supervisor: string;
let otherSupervisor: string;
let projectAdmin: string;
const receiver = new WebhookReceiver();
const streams: EventStream[] = [];

async function openMajorComplaint(): Promise<{ id: string; number: string; phone: string }> {
  const phone = newMobile('137');
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token: agent,
    body: {
      channel: 'phone',
      content: '楼体开裂，业主要求赔偿',
      itemCode: 'complaint.construction_quality',
      grade: 'major',
      customer: { name: '测试', phone, projectCode: PROJECT },
    },
  });
  expect(contact.status).toBe(201);
  return eventually(async () => {
    const list = await callJson<{ items: { id: string; number: string; escalationLevel: number }[] }>(`${tickets.baseUrl}/v1/tickets?contactId=${contact.body.id}`, { token: admin });
    expect(list.body.items).toHaveLength(1);
    return { ...list.body.items[0]!, phone };
  });
}

async function stream(token: string, lastEventId?: string): Promise<EventStream> {
  const opened = new EventStream();
  streams.push(opened);
  await opened.open(token, lastEventId);
  return opened;
}

beforeAll(async () => {
  admin = await devToken({ roles: ['admin', 'supervisor'], sub: 'admin-n-e2e' });
  agent = await devToken({ roles: 'agent', sub: `agent-n-${run}`, projects: [PROJECT] });
  supervisor = await devToken({ roles: 'supervisor', sub: `sup-n-${run}`, projects: [PROJECT] });
  otherSupervisor = await devToken({ roles: 'supervisor', sub: `sup-nx-${run}`, projects: [OTHER_PROJECT] });
  projectAdmin = await devToken({ roles: 'admin', sub: `admin-nx-${run}`, projects: [OTHER_PROJECT] });
  await prepareDatabaseAndTopics(['intake', 'tickets', 'notifications']);
  await Promise.all([intake.start(), tickets.start(), notifications.start()]);
});

afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await Promise.all([intake.stop(), tickets.stop(), notifications.stop()]);
  await receiver.stop();
});

describe('a major complaint reaches the people who must hear of it', () => {
  let subscriptionId: string;
  let ticket: { id: string; number: string; phone: string };
  let live: EventStream;
  let otherLive: EventStream;

  beforeAll(async () => {
    const url = await receiver.start();
    const created = await callJson<{ id: string; secret: string; eventTypes: string[] }>(n('/v1/webhook-subscriptions'), {
      token: admin,
      body: { name: '企业微信 · 领导群', url, eventTypes: ['major_complaint'], projectCode: PROJECT },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    receiver.secret = created.body.secret;
    subscriptionId = created.body.id;

    live = await stream(supervisor);
    otherLive = await stream(otherSupervisor);
    ticket = await openMajorComplaint();
  });

  it('puts it in the inbox of a supervisor of the project, unread, addressed to supervisors and leaders', async () => {
    const mine = await eventually(async () => {
      const inbox = await callJson<Inbox>(n('/v1/notifications?unread=true'), { token: supervisor });
      expect(inbox.status).toBe(200);
      const found = inbox.body.items.find((i) => i.ticket?.id === ticket.id);
      expect(found).toBeDefined();
      return { found: found!, unreadCount: inbox.body.unreadCount };
    });
    expect(mine.found).toMatchObject({
      kind: 'major_complaint',
      level: 1,
      reason: 'major_complaint',
      read: false,
      ticket: { number: ticket.number, projectCode: PROJECT },
      audience: { roles: ['supervisor', 'manager'], projectCode: PROJECT },
    });
    expect(mine.found.title).toContain(ticket.number);
    expect(mine.unreadCount).toBeGreaterThanOrEqual(1);
  });

  it('keeps it from another project’s supervisor: absent from their inbox, 404 when they name it', async () => {
    const mine = await eventually(async () => {
      const inbox = await callJson<Inbox>(n('/v1/notifications'), { token: supervisor });
      const found = inbox.body.items.find((i) => i.ticket?.id === ticket.id);
      expect(found).toBeDefined();
      return found!;
    });
    const theirs = await callJson<Inbox>(n('/v1/notifications'), { token: otherSupervisor });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((i) => i.ticket?.id)).not.toContain(ticket.id);
    const marked = await callJson<{ code: string }>(n(`/v1/notifications/${mine.id}/read`), { token: otherSupervisor, body: {} });
    expect([marked.status, marked.headers.get('content-type')?.split(';')[0], marked.body.code]).toEqual([404, 'application/problem+json', 'NOTIFICATION.NOT_FOUND']);
  });

  it('arrives on the supervisor’s live stream as a server-sent event, and not on the other project’s', async () => {
    expect([live.status, live.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const event = await eventually(() => {
      const found = live.notificationFor(ticket.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(event.id).toMatch(/^\d+$/);
    expect(event.notification).toMatchObject({ kind: 'major_complaint', ticket: { id: ticket.id } });
    await eventually(() => expect(live.comments).toContain('heartbeat'));
    expect(otherLive.notificationFor(ticket.id)).toBeUndefined();
  });

  it('is sent again to a stream that reconnects with the Last-Event-ID before it', async () => {
    const seen = await eventually(() => {
      const found = live.notificationFor(ticket.id);
      expect(found).toBeDefined();
      return found!;
    });
    const resumed = await stream(supervisor, String(Number(seen.id) - 1));
    const again = await eventually(() => {
      const found = resumed.notificationFor(ticket.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(again.id).toBe(seen.id);
  });

  it('reaches the subscribed webhook receiver as a POST whose HMAC signature holds', async () => {
    const post = await eventually(() => {
      const found = receiver.received.find((r) => (r.body['ticket'] as { id: string }).id === ticket.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(post).toMatchObject({ valid: true, event: 'major_complaint', body: { kind: 'major_complaint', ticket: { number: ticket.number } } });
    // The caller's number never leaves in a webhook: not whole, not its last eight digits, not masked (137****1234).
    expect(JSON.stringify(post.body)).not.toContain(ticket.phone.slice(3));
    expect(JSON.stringify(post.body)).not.toMatch(/\d{3}\*{4}\d{4}/);

    const log = await eventually(async () => {
      const page = await callJson<{ items: Delivery[] }>(n(`/v1/webhook-subscriptions/${subscriptionId}/deliveries`), { token: admin });
      const entry = page.body.items.find((d) => d.id === post.delivery);
      expect(entry?.status).toBe('delivered');
      return entry!;
    });
    expect(log).toMatchObject({ attempts: 1, lastStatusCode: 204 });
  });

  it('is marked read for the supervisor alone, and leaves their unread list', async () => {
    const inbox = await callJson<Inbox>(n('/v1/notifications?unread=true'), { token: supervisor });
    const mine = inbox.body.items.find((i) => i.ticket?.id === ticket.id)!;
    const marked = await callJson<NotificationView>(n(`/v1/notifications/${mine.id}/read`), { token: supervisor, body: {} });
    expect([marked.status, marked.body.read]).toEqual([200, true]);
    const unread = await callJson<Inbox>(n('/v1/notifications?unread=true'), { token: supervisor });
    expect(unread.body.items.map((i) => i.id)).not.toContain(mine.id);
    const manager = await devToken({ roles: 'manager', sub: `mgr-n-${run}`, projects: [PROJECT] });
    const theirs = await callJson<Inbox>(n('/v1/notifications?unread=true'), { token: manager });
    expect(theirs.body.items.map((i) => i.id)).toContain(mine.id);
  });
});

describe('webhook subscriptions are for admins of the project', () => {
  it('refuses other roles with 403', async () => {
    const asAgent = await callJson<{ code: string }>(n('/v1/webhook-subscriptions'), { token: agent });
    const asSupervisor = await callJson(n('/v1/webhook-subscriptions'), { token: supervisor, body: { name: 'x', url: 'https://example.com/h', eventTypes: ['sla_breached'] } });
    expect([asAgent.status, asSupervisor.status]).toEqual([403, 403]);
  });

  it('hides one project’s subscription from another project’s admin (404), and refuses them a subscription of a project they do not serve', async () => {
    const created = await callJson<{ id: string }>(n('/v1/webhook-subscriptions'), {
      token: admin,
      body: { name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'], projectCode: PROJECT },
    });
    expect(created.status).toBe(201);
    const read = await callJson(n(`/v1/webhook-subscriptions/${created.body.id}`), { token: projectAdmin });
    const log = await callJson(n(`/v1/webhook-subscriptions/${created.body.id}/deliveries`), { token: projectAdmin });
    const changed = await callJson(n(`/v1/webhook-subscriptions/${created.body.id}`), { method: 'PATCH', token: projectAdmin, body: { url: 'https://evil.example.com/' } });
    const removed = await callJson(n(`/v1/webhook-subscriptions/${created.body.id}`), { method: 'DELETE', token: projectAdmin });
    expect([read.status, log.status, changed.status, removed.status]).toEqual([404, 404, 404, 404]);
    const list = await callJson<{ items: { id: string }[] }>(n('/v1/webhook-subscriptions'), { token: projectAdmin });
    expect(list.body.items.map((s) => s.id)).not.toContain(created.body.id);

    const foreign = await callJson<{ errors: { field: string }[] }>(n('/v1/webhook-subscriptions'), {
      token: projectAdmin,
      body: { name: 'x', url: 'https://example.com/h', eventTypes: ['sla_breached'], projectCode: PROJECT },
    });
    const everywhere = await callJson<{ errors: { field: string }[] }>(n('/v1/webhook-subscriptions'), {
      token: projectAdmin,
      body: { name: 'x', url: 'https://example.com/h', eventTypes: ['sla_breached'] },
    });
    expect([foreign.status, foreign.body.errors?.[0]?.field, everywhere.status, everywhere.body.errors?.[0]?.field]).toEqual([403, 'projectCode', 403, 'projectCode']);
  });

  it('refuses with 422 naming url a subscription to the cloud metadata endpoint or a private network, made or repointed', async () => {
    const made = await callJson<{ code: string; errors: { field: string }[] }>(n('/v1/webhook-subscriptions'), {
      token: admin,
      body: { name: 'metadata', url: 'https://169.254.169.254/latest/meta-data/', eventTypes: ['sla_breached'] },
    });
    expect([made.status, made.headers.get('content-type')?.split(';')[0], made.body.code, made.body.errors.map((e) => e.field)]).toEqual([
      422,
      'application/problem+json',
      'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED',
      ['url'],
    ]);
    const created = await callJson<{ id: string }>(n('/v1/webhook-subscriptions'), { token: admin, body: { name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] } });
    const repointed = await callJson<{ code: string }>(n(`/v1/webhook-subscriptions/${created.body.id}`), { method: 'PATCH', token: admin, body: { url: 'https://[fd00::7]/hook' } });
    expect([repointed.status, repointed.body.code]).toEqual([422, 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED']);
    expect((await callJson<{ url: string }>(n(`/v1/webhook-subscriptions/${created.body.id}`), { token: admin })).body.url).toBe('https://sms.example.com/hook');
    expect((await callJson(n(`/v1/webhook-subscriptions/${created.body.id}`), { method: 'DELETE', token: admin })).status).toBe(204);
  });

  it('pauses, repoints and removes a subscription; the secret is never shown again', async () => {
    const created = await callJson<{ id: string; secret: string }>(n('/v1/webhook-subscriptions'), {
      token: projectAdmin,
      body: { name: '钉钉', url: 'https://dingtalk.example.com/hook', eventTypes: ['sla_warning'], projectCode: OTHER_PROJECT },
    });
    expect(created.status).toBe(201);
    const changed = await callJson<Record<string, unknown>>(n(`/v1/webhook-subscriptions/${created.body.id}`), {
      method: 'PATCH',
      token: projectAdmin,
      body: { active: false, url: 'https://dingtalk.example.com/v2' },
    });
    expect(changed.body).toMatchObject({ active: false, url: 'https://dingtalk.example.com/v2', eventTypes: ['sla_warning'] });
    expect(changed.body).not.toHaveProperty('secret');
    const bad = await callJson<{ errors: { field: string }[] }>(n(`/v1/webhook-subscriptions/${created.body.id}`), { method: 'PATCH', token: projectAdmin, body: { eventTypes: ['everything'] } });
    expect([bad.status, bad.body.errors[0]!.field]).toEqual([400, 'eventTypes']);
    expect((await callJson(n(`/v1/webhook-subscriptions/${created.body.id}`), { method: 'DELETE', token: projectAdmin })).status).toBe(204);
    expect((await callJson(n(`/v1/webhook-subscriptions/${created.body.id}`), { token: projectAdmin })).status).toBe(404);
  });
});
