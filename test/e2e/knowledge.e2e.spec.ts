import { randomUUID } from 'node:crypto';
import { ServiceProcess, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * Unified answers through the REST API of the running services: four eyes, an edit that keeps
 * the published version, search as customers ask, suggestions for a new ticket, a P002 user who
 * never sees P001's answer, and the tickets service refusing to cite an answer it does not know.
 */
const intake = new ServiceProcess('intake', 5201);
const tickets = new ServiceProcess('tickets', 5202);
const knowledge = new ServiceProcess('knowledge', 5203);
const run = randomUUID().slice(0, 6);
const PROJECT = `KE2E-${run}`;
const OTHER = `KE2E-X-${run}`;

let agent: string;
let otherAgent: string;
let supLi: string;
let supZhao: string;

const k = (path: string) => `${knowledge.baseUrl}${path}`;
interface Answer {
  id: string;
  status: string;
  publishedVersion?: number;
}

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: 'agent-ke2e', projects: [PROJECT] });
  otherAgent = await devToken({ roles: 'agent', sub: 'agent-ke2e-x', projects: [OTHER] });
  supLi = await devToken({ roles: 'supervisor', sub: 'sup-li-ke2e' });
  supZhao = await devToken({ roles: 'supervisor', sub: 'sup-zhao-ke2e' });
  await prepareDatabaseAndTopics(['intake', 'tickets', 'knowledge']);
  await Promise.all([intake.start(), tickets.start(), knowledge.start()]);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop(), knowledge.stop()]);
});

describe('knowledge through REST', () => {
  let answerId: string;

  it('publishes a unified answer only with another supervisor’s approval, and keeps version 1 when it is edited', async () => {
    const draft = { title: `物业费的缴纳方式 ${run}`, questions: ['物业费怎么交'], body: '物业费可在物业服务中心前台或微信公众号缴纳。', itemCode: 'consultation.property_service', projects: [PROJECT] };
    const own = await callJson<Answer>(k('/v1/answers'), { token: supLi, body: draft });
    expect(own.status).toBe(201);
    await callJson(k(`/v1/answers/${own.body.id}/submit`), { token: supLi, body: {} });
    expect((await callJson(k(`/v1/answers/${own.body.id}/approve`), { token: supLi, body: {} })).status).toBe(403);

    const created = await callJson<Answer>(k('/v1/answers'), { token: agent, body: draft });
    answerId = created.body.id;
    await callJson(k(`/v1/answers/${answerId}/submit`), { token: agent, body: {} });
    const approved = await callJson<Answer>(k(`/v1/answers/${answerId}/approve`), { token: supZhao, body: {} });
    expect(approved.body).toMatchObject({ status: 'published', publishedVersion: 1 });

    await callJson(k(`/v1/answers/${answerId}`), { method: 'PATCH', token: agent, body: { body: '物业费可在前台、微信公众号或支付宝缴纳。' } });
    const v1 = await callJson<{ body: string }>(k(`/v1/answers/${answerId}/versions/1`), { token: agent });
    expect(v1.body.body).toBe(draft.body);
  });

  it('finds it as customers ask, and never for a user of another project', async () => {
    const search = await callJson<{ items: { answerId: string }[] }>(k(`/v1/answers/search?q=${encodeURIComponent('管理费在哪里交')}`), { token: agent });
    expect(search.body.items.slice(0, 3).map((h) => h.answerId)).toContain(answerId);
    expect((await callJson(k(`/v1/answers/${answerId}`), { token: otherAgent })).status).toBe(404);
    const foreign = await callJson<{ items: { answerId: string }[] }>(k(`/v1/answers/search?q=${encodeURIComponent('管理费在哪里交')}`), { token: otherAgent });
    expect(foreign.body.items.map((h) => h.answerId)).not.toContain(answerId);
  });

  it('suggests it for a new consultation, and the tickets service accepts citing it but not a made-up answer', async () => {
    const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
      token: agent,
      body: {
        channel: 'phone',
        content: '请问管理费在哪里交？',
        itemCode: 'consultation.property_service',
        customer: { name: '测试', phone: newMobile('137'), projectCode: PROJECT, building: '3', room: '301' },
      },
    });
    expect(contact.status).toBe(201);
    const ticketId = await eventually(async () => {
      const list = await callJson<{ items: { id: string }[] }>(`${tickets.baseUrl}/v1/tickets?contactId=${contact.body.id}`, { token: agent });
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0]!.id;
    });
    const suggested = await eventually(async () => {
      const response = await callJson<{ items: { answerId: string; version: number }[] }>(k(`/v1/suggestions?ticketId=${ticketId}`), { token: agent });
      expect(response.status).toBe(200);
      expect(response.body.items.map((s) => s.answerId)).toContain(answerId);
      return response.body.items;
    });
    expect(suggested.find((s) => s.answerId === answerId)?.version).toBe(1);
    expect((await callJson(k(`/v1/suggestions?ticketId=${ticketId}`), { token: otherAgent })).status).toBe(404);

    const madeUp = await callJson<{ errors: { field: string }[] }>(`${tickets.baseUrl}/v1/tickets/${ticketId}/replies`, { token: agent, body: { message: '按统一答复回复', answerId: 'KB-000' } });
    expect(madeUp.status).toBe(422);
    expect(madeUp.body.errors.map((e) => e.field)).toEqual(['answerId']);
    await eventually(async () => {
      const cited = await callJson(`${tickets.baseUrl}/v1/tickets/${ticketId}/replies`, { token: agent, body: { message: '按统一答复回复', answerId } });
      expect(cited.status).toBe(200);
    });
  });
});
