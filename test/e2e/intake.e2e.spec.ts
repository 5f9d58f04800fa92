import { randomUUID } from 'node:crypto';
import { CHANNELS } from '@cs/contracts';
import { createRedisClient, destroyRedisClient } from '@cs/persistence';
import { idempotencySlot } from '@cs/platform';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';
import { signWebhook } from '../../apps/intake/src/infrastructure/webhooks';

/**
 * Intake through its REST API, with the tickets service running: contacts from every channel,
 * follow-ups, one customer per phone, masked and unmasked reads with their access log,
 * encrypted storage, signed webhooks, erasure and Idempotency-Key.
 */
/** Deliveries a channel's gateway may make a minute before it is told to slow down. */
const WEBHOOK_LIMIT = 20;
const intake = new ServiceProcess('intake', 4201, { WEBHOOK_RATE_LIMIT_PER_MINUTE: String(WEBHOOK_LIMIT) });
const tickets = new ServiceProcess('tickets', 4202);
const api = (path: string) => `${intake.baseUrl}${path}`;

let agent: string;
let supervisor: string;
let supervisorWithPii: string;

interface Recorded {
  id: string;
  customerId: string;
  route: 'new_matter' | 'follow_up';
  ticketId?: string;
}
interface CustomerView {
  id: string;
  name: string;
  phones: string[];
  masked: boolean;
  erased: boolean;
}
interface Problem {
  code: string;
  status: number;
  errors?: { field: string }[];
}

async function record(body: Record<string, unknown>, token = agent, headers: Record<string, string> = {}) {
  return callJson<Recorded & Problem>(api('/v1/contacts'), { token, body, headers });
}

async function ticketOf(contactId: string) {
  return eventually(async () => {
    const response = await callJson<{ items: { id: string; repeatContactCount: number; customerName: string }[] }>(
      `${tickets.baseUrl}/v1/tickets?contactId=${contactId}`,
      { token: supervisor },
    );
    expect(response.body.items).toHaveLength(1);
    return response.body.items[0]!;
  });
}

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: 'agent-intake', name: '李客服' });
  supervisor = await devToken({ roles: 'supervisor', sub: 'sup-plain', name: '赵主管' });
  supervisorWithPii = await devToken({ roles: 'supervisor', sub: 'sup-pii', name: '王主管', permissions: ['customer.pii.read'] });
  await prepareDatabaseAndTopics(['intake', 'tickets']);
  await Promise.all([intake.start(), tickets.start()]);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop()]);
});

describe('contacts', () => {
  it.each(CHANNELS)('a contact through %s opens a ticket', async (channel) => {
    const response = await record({ channel, content: `${channel} 咨询物业费`, customer: { name: '钱七', phone: newMobile('137') } });
    expect(response.status).toBe(201);
    expect(response.body.route).toBe('new_matter');
    await ticketOf(response.body.id);
  });

  it('a second contact about the same open matter joins its ticket instead of opening another', async () => {
    const phone = newMobile('137');
    const first = await record({
      channel: 'phone',
      content: '楼道灯坏了',
      customer: { name: '孙八', phone, projectCode: 'P001', building: '2', room: '301' },
      itemCode: 'repair.public_area',
    });
    const ticket = await ticketOf(first.body.id);
    // Intake learns of the ticket from its event; wait until it links follow-ups to it.
    const second = await eventually(async () => {
      const again = await record({
        channel: 'wechat',
        content: '灯还没修',
        customer: { phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` },
        itemCode: 'repair.public_area',
      });
      expect(again.body.route).toBe('follow_up');
      return again;
    });
    expect(second.body.ticketId).toBe(ticket.id);
    expect(second.body.customerId).toBe(first.body.customerId);
    await eventually(async () => expect((await ticketOf(second.body.id)).repeatContactCount).toBeGreaterThanOrEqual(1));
  });

  it('once the ticket is resolved, the same item opens a new matter again', async () => {
    const phone = newMobile('137');
    const body = { channel: 'phone', content: '垃圾没清运', customer: { name: '何十四', phone }, itemCode: 'complaint.environment' };
    const first = await record(body);
    const ticket = await ticketOf(first.body.id);
    const resolved = await callJson<{ status: string }>(`${tickets.baseUrl}/v1/tickets/${ticket.id}/resolve`, {
      token: supervisor,
      body: { resolution: '已清运' },
    });
    expect(resolved.body.status).toBe('resolved');
    await eventually(async () => {
      const again = await record({ ...body, content: '又没清运' });
      expect(again.body.route).toBe('new_matter');
    });
  });

  it('a contact naming a ticket follows it up; an unknown ticket is refused by field', async () => {
    const first = await record({ channel: 'phone', content: '报修', customer: { name: '周九', phone: newMobile('137') } });
    const ticket = await ticketOf(first.body.id);
    const followUp = await eventually(async () => {
      const response = await record({ channel: 'sms', content: '进度如何', customer: { phone: newMobile('137') }, ticketId: ticket.id });
      expect(response.status).toBe(201);
      return response;
    });
    expect(followUp.body).toMatchObject({ route: 'follow_up', ticketId: ticket.id });

    const unknown = await record({ channel: 'sms', content: '进度如何', customer: { phone: newMobile('137') }, ticketId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.field).toBe('ticketId');
  });

  it.each([
    [{ channel: 'fax' }, 'channel'],
    [{ customer: undefined }, 'customer'],
    [{ content: 'a\u0000b' }, 'content'],
    [{ customer: { name: '吴十', phone: '12345' } }, 'customer.phone'],
    [{ itemCode: 'repair.spaceship' }, 'itemCode'],
    [{ content: '长'.repeat(4_001) }, 'content'],
    [{ attachments: [{ name: 'a.jpg', type: 'image/jpeg', size: 10, uri: 'file:///etc/passwd' }] }, 'attachments[0].uri'],
  ])('bad input %p is a problem naming %s, and records nothing', async (change, field) => {
    const phone = newMobile('137');
    const response = await record({ channel: 'phone', content: '咨询', customer: { name: '吴十', phone }, ...change });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors?.map((e) => e.field)).toContain(field);
    const lookup = await callJson<{ items: unknown[] }>(api(`/v1/customers?phone=${phone}`), { token: agent });
    expect(lookup.body.items).toHaveLength(0);
  });
});

describe('Idempotency-Key', () => {
  it('replaying a POST with the same key and body creates nothing new; another body is refused', async () => {
    const key = randomUUID();
    const phone = newMobile('137');
    const body = { channel: 'phone', content: '物业费咨询', customer: { name: '陈十三', phone } };
    const first = await record(body, agent, { 'idempotency-key': key });
    const second = await record(body, agent, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    const [count] = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM intake.contacts WHERE customer_id = $1', [
      first.body.customerId,
    ]);
    expect(count!.n).toBe(1);

    const other = await record({ ...body, content: '另一件事' }, agent, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('a retry whose record Redis lost finds the key committed with the contact and its first answer: replayed, no second contact', async () => {
    const key = randomUUID();
    const body = { channel: 'phone', content: '门禁卡补办', customer: { name: '孙十四', phone: newMobile('137') } };
    const first = await record(body, agent, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const redis = createRedisClient(process.env['REDIS_URL']!, 'intake-e2e');
    try {
      await redis.connect();
      expect(await redis.del(idempotencySlot('intake', { kind: 'principal', sub: 'agent-intake' }, key).redisKey)).toBe(1);
    } finally {
      destroyRedisClient(redis);
    }

    const retry = await record(body, agent, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    const [count] = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM intake.contacts WHERE customer_id = $1', [first.body.customerId]);
    expect(count!.n).toBe(1);
  });
});

describe('customers and their personal data', () => {
  const phone = newMobile('137');
  let customerId: string;

  beforeAll(async () => {
    const response = await record({ channel: 'phone', content: '咨询', customer: { name: '郑十一', phone, projectCode: 'P009', room: '808' } });
    customerId = response.body.customerId;
  });

  it('phones in different formats land on one customer', async () => {
    const formats = [`+86${phone}`, `0086 ${phone}`, `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, `86-${phone}`];
    for (const format of formats) {
      const response = await record({ channel: 'sms', content: '再问一次', customer: { name: '郑十一', phone: format } });
      expect(response.body.customerId).toBe(customerId);
      const found = await callJson<{ items: CustomerView[] }>(api(`/v1/customers?phone=${encodeURIComponent(format)}`), { token: agent });
      expect(found.body.items.map((c) => c.id)).toEqual([customerId]);
    }
  });

  it('a name of spaces alone is refused naming name, in a search, a registration or a contact, not a 500', async () => {
    for (const blank of [' ', '\u3000\u3000']) {
      const search = await callJson<{ errors?: { field: string }[] }>(api(`/v1/customers?name=${encodeURIComponent(blank)}`), { token: agent });
      const registered = await callJson<{ errors?: { field: string }[] }>(api('/v1/customers'), { token: agent, body: { name: blank, phones: [newMobile('137')] } });
      const contact = await record({ channel: 'phone', content: '咨询', customer: { name: blank, phone: newMobile('137') } });
      for (const response of [search, registered, contact]) {
        expect({ blank, status: response.status, fields: response.body.errors?.map((e) => e.field) }).toEqual({ blank, status: 400, fields: [expect.stringMatching(/name$/)] });
      }
    }
  });

  it('reads are masked without the PII permission and leave no access-log entry', async () => {
    const response = await callJson<CustomerView>(api(`/v1/customers/${customerId}`), { token: supervisor });
    expect(response.body).toMatchObject({ name: '郑**', phones: [`${phone.slice(0, 3)}****${phone.slice(7)}`], masked: true });
    const log = await callJson<{ items: { actor: string }[] }>(api(`/v1/pii-access-log?customerId=${customerId}`), { token: supervisor });
    expect(log.body.items.filter((e) => e.actor === 'sup-plain')).toHaveLength(0);
  });

  it('reads with the permission but no stated purpose stay masked and leave no access-log entry', async () => {
    const response = await callJson<CustomerView>(api(`/v1/customers/${customerId}`), { token: supervisorWithPii });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: '郑**', masked: true });
    const log = await callJson<{ items: { actor: string }[] }>(api(`/v1/pii-access-log?customerId=${customerId}`), { token: supervisor });
    expect(log.body.items).toEqual([]);
  });

  it('reads with the permission are unmasked and logged with who, when and why', async () => {
    const response = await callJson<CustomerView>(api(`/v1/customers/${customerId}`), {
      token: supervisorWithPii,
      headers: { 'x-access-purpose': encodeURIComponent('投诉回访核实身份') },
    });
    expect(response.body).toMatchObject({ name: '郑十一', phones: [`+86${phone}`], masked: false });
    const log = await callJson<{ items: { actor: string; purpose: string; accessedAt: string }[] }>(
      api(`/v1/pii-access-log?customerId=${customerId}`),
      { token: supervisor },
    );
    expect(log.body.items[0]).toMatchObject({ actor: 'sup-pii', purpose: '投诉回访核实身份' });
    expect(Date.now() - Date.parse(log.body.items[0]!.accessedAt)).toBeLessThan(60_000);
    const agentLog = await callJson<Problem>(api('/v1/pii-access-log'), { token: agent });
    expect(agentLog.status).toBe(403);
  });

  it('Postgres holds no plain-text phone or name anywhere in intake’s schema', async () => {
    const [dump] = await adminQuery<{ text: string }>(
      `SELECT string_agg(t::text, ' ') AS text FROM (
         SELECT c::text AS t FROM intake.customers c UNION ALL SELECT p::text FROM intake.customer_phones p
         UNION ALL SELECT x::text FROM intake.contacts x UNION ALL SELECT o::text FROM intake.outbox o) rows`,
    );
    expect(dump!.text).not.toContain(phone);
    expect(dump!.text).not.toContain('郑十一');
  });

  it('a supervisor merges a duplicate; its phones and history move to the survivor', async () => {
    const otherPhone = newMobile('137');
    const duplicate = await record({ channel: 'email', content: '另一个号码', customer: { name: '郑十一', phone: otherPhone } });
    const merged = await callJson<CustomerView>(api(`/v1/customers/${customerId}/merge`), {
      token: supervisorWithPii,
      body: { duplicateId: duplicate.body.customerId, reason: `同一业主两个号码：${otherPhone}` },
      headers: { 'x-access-purpose': encodeURIComponent('合并重复档案') },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.phones).toEqual([`+86${phone}`, `+86${otherPhone}`]);
    const byOtherPhone = await callJson<{ items: CustomerView[] }>(api(`/v1/customers?phone=${otherPhone}`), { token: agent });
    expect(byOtherPhone.body.items.map((c) => c.id)).toEqual([customerId]);
    const history = await callJson<{ items: { mergedId: string; reason: string }[] }>(api(`/v1/customers/${customerId}/merges`), { token: agent });
    expect(history.body.items.map((h) => h.mergedId)).toEqual([duplicate.body.customerId]);
    // Every role reads the history: the number typed into the reason is masked there.
    expect(history.body.items[0]?.reason).toContain('同一业主两个号码');
    expect(history.body.items[0]?.reason).not.toContain(otherPhone);
  });

  it('an erased customer’s data is gone from intake’s and the tickets service’s APIs', async () => {
    const erasePhone = newMobile('137');
    const contact = await record({ channel: 'phone', content: `我的电话是${erasePhone}`, customer: { name: '冯十二', phone: erasePhone } });
    const ticket = await ticketOf(contact.body.id);
    expect(ticket.customerName).toBe('冯**');

    const erased = await callJson<CustomerView>(api(`/v1/customers/${contact.body.customerId}/erasure`), {
      token: supervisor,
      body: { reason: '客户申请删除个人信息' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, phones: [] });
    expect(erased.body.name).toMatch(/^已注销客户-/);

    const read = await callJson<CustomerView>(api(`/v1/customers/${contact.body.customerId}`), { token: supervisorWithPii });
    expect(read.body).toMatchObject({ erased: true, name: erased.body.name, phones: [] });
    const search = await callJson<{ items: unknown[] }>(api(`/v1/customers?phone=${erasePhone}`), { token: supervisorWithPii });
    expect(search.body.items).toHaveLength(0);
    await eventually(async () => expect((await ticketOf(contact.body.id)).customerName).toBe(erased.body.name));
    // What they said goes from the ticket too: its demand and its contacts' summaries.
    const detail = await callJson<{ demand?: unknown; contacts?: { summary?: string }[] }>(`${tickets.baseUrl}/v1/tickets/${ticket.id}`, { token: supervisor });
    expect([detail.status, detail.body.demand, detail.body.contacts?.map((c) => c.summary)]).toEqual([200, undefined, [undefined]]);
    const [row] = await adminQuery<{ content_enc: string | null }>('SELECT content_enc FROM intake.contacts WHERE id = $1', [contact.body.id]);
    expect(row!.content_enc).toBeNull();
  });
});

describe('channel gateways', () => {
  const secret = 'dev-webhook-secret-sms';

  function signed(body: object, overrides: { tamper?: boolean; deliveryId?: string; timestamp?: number } = {}) {
    const raw = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      ...signWebhook(secret, raw, overrides.timestamp ?? Math.floor(Date.now() / 1000)),
      'x-delivery-id': overrides.deliveryId ?? randomUUID(),
      'content-type': 'application/json',
    };
    const sent = overrides.tamper ? Buffer.from(JSON.stringify({ ...body, content: '篡改后的内容' })) : raw;
    return fetch(api('/v1/inbound/sms'), { method: 'POST', headers, body: sent });
  }

  const message = () => ({ messageId: `sms-${randomUUID()}`, content: '停车场积水', customer: { phone: newMobile('137') } });

  it('a signed delivery is accepted and opens a ticket', async () => {
    const response = await signed(message());
    expect(response.status).toBe(202);
    const body = (await response.json()) as Recorded;
    await ticketOf(body.id);
  });

  it('a tampered, stale or unsigned delivery is refused', async () => {
    expect((await signed(message(), { tamper: true })).status).toBe(403);
    expect((await signed(message(), { timestamp: Math.floor(Date.now() / 1000) - 3_600 })).status).toBe(403);
    const unsigned = await fetch(api('/v1/inbound/sms'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message()),
    });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as Problem).code).toBe('WEBHOOK.SIGNATURE_REJECTED');
  });

  it('a replayed delivery is refused, under its own or a new delivery id', async () => {
    const body = message();
    const deliveryId = randomUUID();
    expect((await signed(body, { deliveryId })).status).toBe(202);
    expect((await signed(body, { deliveryId })).status).toBe(409);
    expect((await signed(body)).status).toBe(409);
  });

  /** A delivery on `channel`, signed with `secret` (the channel's own unless given). */
  const deliver = (channel: string, secret = `dev-webhook-secret-${channel}`) => {
    const raw = Buffer.from(JSON.stringify({ messageId: `m-${randomUUID()}`, content: '你好', customer: { phone: newMobile('137') } }));
    return fetch(api(`/v1/inbound/${channel}`), {
      method: 'POST',
      headers: {
        ...signWebhook(secret, raw, Math.floor(Date.now() / 1000)),
        'x-delivery-id': randomUUID(),
        'content-type': 'application/json',
      },
      body: raw,
    });
  };

  it('a gateway that sends too fast is told to slow down, per channel', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < WEBHOOK_LIMIT + 2; i += 1) statuses.push((await deliver('social')).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(WEBHOOK_LIMIT);
    const limited = await deliver('social');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await deliver('qq')).status).toBe(202);
  });

  it("forged deliveries are refused before they spend the channel's budget", async () => {
    const forged: number[] = [];
    for (let i = 0; i < WEBHOOK_LIMIT + 5; i += 1) forged.push((await deliver('wechat', 'not-the-channel-secret')).status);
    expect(new Set(forged)).toEqual(new Set([403]));
    // The whole budget is left for the genuine deliveries, and it is enforced on them.
    const genuine: number[] = [];
    for (let i = 0; i < WEBHOOK_LIMIT + 1; i += 1) genuine.push((await deliver('wechat')).status);
    expect(genuine).toEqual([...Array<number>(WEBHOOK_LIMIT).fill(202), 429]);
  });

  it('a channel without a gateway is not found, a name of the secrets object’s prototype too, however well the request is signed', async () => {
    const response = await fetch(api('/v1/inbound/phone'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    const raw = Buffer.from('{}');
    for (const channel of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const signedHeaders = { ...signWebhook('any-secret', raw, Math.floor(Date.now() / 1000)), 'x-delivery-id': randomUUID(), 'content-type': 'application/json' };
      const probe = await fetch(api(`/v1/inbound/${channel}`), { method: 'POST', headers: signedHeaders, body: raw });
      expect([channel, probe.status]).toEqual([channel, 404]);
    }
  });
});
