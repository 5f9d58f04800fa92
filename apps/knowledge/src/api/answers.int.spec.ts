import { Caller, KnowledgeHttpApp, callAs, knowledgeHttpApp } from '../testing/knowledge-http-app.support.spec';

const author: Caller = { role: 'agent', sub: 'agent-wang' };
const supLi: Caller = { role: 'supervisor', sub: 'sup-li' };
const supZhao: Caller = { role: 'supervisor', sub: 'sup-zhao' };
const p001Agent: Caller = { role: 'agent', sub: 'agent-p001', projects: ['P001'] };
const p002Agent: Caller = { role: 'agent', sub: 'agent-p002', projects: ['P002'] };
const p002Supervisor: Caller = { role: 'supervisor', sub: 'sup-p002', projects: ['P002'] };

const DRAFT = {
  title: '物业费的缴纳方式',
  questions: ['物业费怎么交', '可以微信交物业费吗'],
  body: '您好，物业费可通过物业服务中心前台或微信公众号缴纳。\n按季度预交。',
  itemCode: 'consultation.property_service',
  sectionCode: 'consultation',
  tags: ['物业费'],
  sourceDepartment: 'property_management',
  reviewBy: '2027-06-30',
};

let k: KnowledgeHttpApp;
const call = (who: Caller, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) =>
  callAs(k.app, who, method, url, body, headers);
const fields = (body: Record<string, unknown>) => ((body['errors'] ?? []) as { field: string }[]).map((e) => e.field);

interface OutboxRow {
  event_type: string;
  message_key: string;
  payload: string;
}
const outbox = async (type: string): Promise<OutboxRow[]> =>
  k.db.dataSource.query(`SELECT event_type, message_key, payload FROM ${k.db.schema}.outbox WHERE event_type = $1 ORDER BY seq`, [type]);

async function publish(draft: object, by: Caller = author, approver: Caller = supLi): Promise<string> {
  const created = await call(by, 'POST', '/v1/answers', draft);
  expect(created.status).toBe(201);
  const id = String(created.body['id']);
  expect((await call(by, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
  const approved = await call(approver, 'POST', `/v1/answers/${id}/approve`);
  expect(approved.status).toBe(200);
  return id;
}

beforeAll(async () => {
  k = await knowledgeHttpApp('knowledge_answers_http');
});
afterAll(async () => {
  await k?.close();
});

describe('unified answers: lifecycle and four eyes', () => {
  it('given an agent’s draft, when submitted and approved by a supervisor, then version 1 is published with its event', async () => {
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    expect(created.status).toBe(201);
    expect(created.headers['etag']).toBe('W/"1"');
    expect(created.body).toMatchObject({ status: 'draft', title: DRAFT.title, projects: null, contributors: ['agent-wang'], version: 1 });
    const id = String(created.body['id']);

    const submitted = await call(author, 'POST', `/v1/answers/${id}/submit`, undefined, { 'if-match': 'W/"1"' });
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });

    const approved = await call(supLi, 'POST', `/v1/answers/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', publishedVersion: 1 });

    const [event] = (await outbox('knowledge.answer.published.v1')).filter((r) => r.message_key === id);
    expect(JSON.parse(event!.payload)).toMatchObject({ answerId: id, version: 1, title: DRAFT.title, projects: null, approvedBy: 'sup-li', itemCode: DRAFT.itemCode });
  });

  it('given a period written as a day and as a time with no offset, or stored so before, when approved, then it is published as full date-times', async () => {
    const noOffset = '2030-01-01T00:00:00';
    const id = await publish({ ...DRAFT, effectiveFrom: '2026-01-01', effectiveTo: noOffset });
    const [event] = (await outbox('knowledge.answer.published.v1')).filter((r) => r.message_key === id);
    expect(JSON.parse(event!.payload)).toMatchObject({ effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: new Date(noOffset).toISOString() });
    expect((await call(author, 'GET', `/v1/answers/${id}/versions/1`)).body).toMatchObject({ effectiveFrom: '2026-01-01T00:00:00.000Z' });

    // A working copy stored as it was written, before the API wrote periods in UTC.
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    const stored = String(created.body['id']);
    await k.db.dataSource.query(`UPDATE ${k.db.schema}.answers SET content = content || '{"effectiveFrom": "2026-01-01"}'::jsonb WHERE id = $1`, [stored]);
    await call(author, 'POST', `/v1/answers/${stored}/submit`);
    expect((await call(supLi, 'POST', `/v1/answers/${stored}/approve`)).body).toMatchObject({ status: 'published', effectiveFrom: '2026-01-01T00:00:00.000Z' });
    const [storedEvent] = (await outbox('knowledge.answer.published.v1')).filter((r) => r.message_key === stored);
    expect(JSON.parse(storedEvent!.payload)).toMatchObject({ effectiveFrom: '2026-01-01T00:00:00.000Z' });
  });

  it('given a supervisor’s own draft, when they approve it, then it is 403 ANSWER.FOUR_EYES and another supervisor may', async () => {
    const created = await call(supLi, 'POST', '/v1/answers', { ...DRAFT, title: '主管自己起草的答复' });
    const id = String(created.body['id']);
    await call(supLi, 'POST', `/v1/answers/${id}/submit`);
    const own = await call(supLi, 'POST', `/v1/answers/${id}/approve`);
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'ANSWER.FOUR_EYES' });
    expect((await call(supZhao, 'POST', `/v1/answers/${id}/approve`)).body).toMatchObject({ status: 'published', publishedVersion: 1 });
  });

  it('given a supervisor who edited someone else’s draft, when they approve it, then four eyes refuses them too', async () => {
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    const id = String(created.body['id']);
    expect((await call(supLi, 'PATCH', `/v1/answers/${id}`, { body: '主管改过的正文' })).status).toBe(200);
    await call(author, 'POST', `/v1/answers/${id}/submit`);
    expect((await call(supLi, 'POST', `/v1/answers/${id}/approve`)).status).toBe(403);
  });

  it('given an agent, when approving, rejecting or retiring, then it is 403', async () => {
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    const id = String(created.body['id']);
    await call(author, 'POST', `/v1/answers/${id}/submit`);
    for (const action of ['approve', 'retire']) expect((await call(author, 'POST', `/v1/answers/${id}/${action}`)).status).toBe(403);
    expect((await call(author, 'POST', `/v1/answers/${id}/reject`, { comment: '不行' })).status).toBe(403);
  });

  it('given a submitted answer, when rejected with a comment, then it is a draft again with the comment and can be resubmitted', async () => {
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    const id = String(created.body['id']);
    await call(author, 'POST', `/v1/answers/${id}/submit`);
    const rejected = await call(supLi, 'POST', `/v1/answers/${id}/reject`, { comment: '请补充缴费时间' });
    expect(rejected.body).toMatchObject({ status: 'draft', rejection: { comment: '请补充缴费时间', by: 'sup-li' } });
    expect((await call(author, 'POST', `/v1/answers/${id}/submit`)).body).toMatchObject({ status: 'submitted' });
  });

  it('given a draft, when approving or retiring it, then it is 409 with the current status', async () => {
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    const id = String(created.body['id']);
    const approve = await call(supLi, 'POST', `/v1/answers/${id}/approve`);
    expect(approve.status).toBe(409);
    expect(approve.body).toMatchObject({ code: 'ANSWER.ILLEGAL_TRANSITION', currentStatus: 'draft' });
    expect((await call(supLi, 'POST', `/v1/answers/${id}/retire`)).status).toBe(409);
  });

  it('given a stale ETag, when editing, then it is 412 naming If-Match', async () => {
    const created = await call(author, 'POST', '/v1/answers', DRAFT);
    const id = String(created.body['id']);
    await call(author, 'PATCH', `/v1/answers/${id}`, { title: '新标题' });
    const stale = await call(author, 'PATCH', `/v1/answers/${id}`, { title: '又一个标题' }, { 'if-match': 'W/"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'ANSWER.VERSION_CONFLICT' });
  });

  it('given bad input, then it is 400 problem+json naming each field', async () => {
    const bad = await call(author, 'POST', '/v1/answers', { title: '', questions: [], body: 'x', itemCode: 'Not A Code', effectiveFrom: 'tomorrow', reviewBy: '2027/06/30' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['title', 'questions', 'itemCode', 'effectiveFrom', 'reviewBy']));
    const period = await call(author, 'POST', '/v1/answers', { ...DRAFT, effectiveFrom: '2026-12-01T00:00:00+08:00', effectiveTo: '2026-01-01T00:00:00+08:00' });
    expect(period.status).toBe(422);
    expect(fields(period.body)).toEqual(['effectiveTo']);
    expect((await call(author, 'GET', '/v1/answers/not-a-uuid')).status).toBe(400);
    expect((await call(author, 'GET', '/v1/answers?cursor=garbage')).status).toBe(400);
  });

  it('given a review-by date that does not exist, then it is 400 naming reviewBy, on a draft and on an edit; a leap day is a date', async () => {
    for (const reviewBy of ['2027-02-30', '2027-13-45', '2027-02-29']) {
      const created = await call(author, 'POST', '/v1/answers', { ...DRAFT, reviewBy });
      expect([created.status, fields(created.body)]).toEqual([400, ['reviewBy']]);
    }
    const created = await call(author, 'POST', '/v1/answers', { ...DRAFT, reviewBy: '2028-02-29' });
    expect(created.body).toMatchObject({ reviewBy: '2028-02-29' });
    const edited = await call(author, 'PATCH', `/v1/answers/${String(created.body['id'])}`, { reviewBy: '2027-04-31' });
    expect([edited.status, fields(edited.body)]).toEqual([400, ['reviewBy']]);
  });
});

describe('refused before they reach the answer or the database', () => {
  it('given a PATCH clearing title, questions, body or tags with null, then it is 400 naming each, not a failure', async () => {
    const id = String((await call(author, 'POST', '/v1/answers', DRAFT)).body['id']);
    const cleared = await call(author, 'PATCH', `/v1/answers/${id}`, { title: null, questions: null, body: null, tags: null, sourceDepartment: null });
    expect(cleared.status).toBe(400);
    expect(fields(cleared.body).sort()).toEqual(['body', 'questions', 'tags', 'title']);
    const optional = await call(author, 'PATCH', `/v1/answers/${id}`, { sourceDepartment: null, reviewBy: null });
    expect(optional.status).toBe(200);
  });

  it('given an item code longer than the events’ 80 characters, then every field taking one is 400 naming it, not an approval or a search failing on an event', async () => {
    const long = `consultation.${'x'.repeat(80 - 'consultation.'.length + 1)}`;
    const draft = await call(author, 'POST', '/v1/answers', { ...DRAFT, itemCode: long });
    expect([draft.status, fields(draft.body)]).toEqual([400, ['itemCode']]);
    const id = String((await call(author, 'POST', '/v1/answers', DRAFT)).body['id']);
    const edit = await call(author, 'PATCH', `/v1/answers/${id}`, { itemCode: long });
    expect([edit.status, fields(edit.body)]).toEqual([400, ['itemCode']]);
    for (const url of ['/v1/answers?item=', `/v1/answers/search?q=${encodeURIComponent('物业费')}&item=`, '/v1/gaps?item=', `/v1/suggestions?text=${encodeURIComponent('物业费')}&item=`]) {
      const response = await call(supLi, 'GET', `${url}${long}`);
      expect([url, response.status, fields(response.body)]).toEqual([url, 400, ['item']]);
    }
    const liaison: Caller = { role: 'handler', sub: 'finance-liaison' };
    const notice = await call(liaison, 'POST', '/v1/change-notices', { department: 'finance', kind: 'fees', title: '物业费调整', description: '2027年起调整', itemCodes: ['consultation.property_service', long] });
    expect([notice.status, fields(notice.body)]).toEqual([400, ['itemCodes']]);
    // 80 characters is a code.
    expect((await call(author, 'POST', '/v1/answers', { ...DRAFT, itemCode: long.slice(0, 80) })).status).toBe(201);
  });

  it('given a submitted answer whose item code was stored longer than 80 characters before that limit, when approved, then it is 422 naming itemCode and nothing is published; rejected and corrected, it is approved', async () => {
    const id = String((await call(author, 'POST', '/v1/answers', { ...DRAFT, title: '旧事项编码的答复' })).body['id']);
    expect((await call(author, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
    const long = `consultation.${'x'.repeat(70)}`;
    await k.db.dataSource.query(`UPDATE ${k.db.schema}.answers SET content = jsonb_set(content, '{itemCode}', to_jsonb($2::text)), item_code = $2 WHERE id = $1`, [id, long]);

    const approval = await call(supLi, 'POST', `/v1/answers/${id}/approve`);
    expect([approval.status, approval.body['code'], fields(approval.body)]).toEqual([422, 'ANSWER.ITEM_CODE_OUT_OF_CONTRACT', ['itemCode']]);
    expect(String(approval.body['detail'])).toMatch(/80/);
    expect((await call(author, 'GET', `/v1/answers/${id}`)).body).toMatchObject({ status: 'submitted' });
    expect((await outbox('knowledge.answer.published.v1')).filter((e) => e.message_key === id)).toEqual([]);

    expect((await call(supLi, 'POST', `/v1/answers/${id}/reject`, { comment: '请更正事项编码' })).status).toBe(200);
    expect((await call(author, 'PATCH', `/v1/answers/${id}`, { itemCode: 'consultation.property_service' })).status).toBe(200);
    expect((await call(author, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
    expect((await call(supLi, 'POST', `/v1/answers/${id}/approve`)).body).toMatchObject({ status: 'published', itemCode: 'consultation.property_service' });
  });

  it('given a tag, a source department or a section code holding a phone number or an e-mail address, then a draft or an edit is 422 ANSWER.PERSONAL_DATA naming it and nothing is stored', async () => {
    const holding = async () =>
      ((await k.db.dataSource.query(`SELECT count(*)::int AS n FROM ${k.db.schema}.answers WHERE content::text LIKE '%13812345678%' OR content::text LIKE '%liu@example.cn%'`)) as { n: number }[])[0]?.n;
    for (const [codes, field] of [
      [{ tags: ['物业费', '缴费', '13812345678'] }, 'tags[2]'],
      [{ sourceDepartment: '13812345678' }, 'sourceDepartment'],
      [{ sectionCode: 'liu@example.cn' }, 'sectionCode'],
    ] as const) {
      const draft = await call(author, 'POST', '/v1/answers', { ...DRAFT, ...codes });
      expect([draft.status, draft.body['code'], fields(draft.body)]).toEqual([422, 'ANSWER.PERSONAL_DATA', [field]]);
      expect(String(draft.body['detail'])).not.toMatch(/13812345678|liu@example/);
    }
    const id = String((await call(author, 'POST', '/v1/answers', DRAFT)).body['id']);
    const edit = await call(author, 'PATCH', `/v1/answers/${id}`, { tags: ['138 1234 5678'], sourceDepartment: 'property_management' });
    expect([edit.status, edit.body['code'], fields(edit.body)]).toEqual([422, 'ANSWER.PERSONAL_DATA', ['tags[0]']]);
    expect((await call(author, 'GET', `/v1/answers/${id}`)).body).toMatchObject({ tags: DRAFT.tags, version: 1 });
    expect(await holding()).toBe(0);
    // Codes of places and departments are codes.
    expect((await call(author, 'POST', '/v1/answers', { ...DRAFT, tags: ['2-1-1202', '3栋'], sourceDepartment: 'finance', sectionCode: 'repair' })).status).toBe(201);
  });

  it('given a submitted answer whose tags were stored holding a phone number before codes were checked, when approved, then it is 422 naming the tag and nothing is published; rejected and corrected, it is approved', async () => {
    const id = String((await call(author, 'POST', '/v1/answers', { ...DRAFT, title: '旧标签的答复' })).body['id']);
    expect((await call(author, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
    await k.db.dataSource.query(`UPDATE ${k.db.schema}.answers SET content = jsonb_set(content, '{tags}', '["物业费", "13812345678"]'::jsonb) WHERE id = $1`, [id]);

    const approval = await call(supLi, 'POST', `/v1/answers/${id}/approve`);
    expect([approval.status, approval.body['code'], fields(approval.body)]).toEqual([422, 'ANSWER.PERSONAL_DATA', ['tags[1]']]);
    expect((await outbox('knowledge.answer.published.v1')).filter((e) => e.message_key === id)).toEqual([]);

    expect((await call(supLi, 'POST', `/v1/answers/${id}/reject`, { comment: '请删除标签中的电话' })).status).toBe(200);
    const resubmitted = await call(author, 'POST', `/v1/answers/${id}/submit`);
    expect([resubmitted.status, fields(resubmitted.body)]).toEqual([422, ['tags[1]']]);
    expect((await call(author, 'PATCH', `/v1/answers/${id}`, { tags: ['物业费'] })).status).toBe(200);
    expect((await call(author, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
    expect((await call(supLi, 'POST', `/v1/answers/${id}/approve`)).body).toMatchObject({ status: 'published', tags: ['物业费'] });
  });

  it('given a period ending in the last second of 9999 west of Greenwich, year 10000 in UTC, then it is 400 naming effectiveTo, not an approval failing on the event', async () => {
    const draft = await call(author, 'POST', '/v1/answers', { ...DRAFT, effectiveTo: '9999-12-31T23:59:59-08:00' });
    expect([draft.status, fields(draft.body)]).toEqual([400, ['effectiveTo']]);
    const id = String((await call(author, 'POST', '/v1/answers', DRAFT)).body['id']);
    const edit = await call(author, 'PATCH', `/v1/answers/${id}`, { effectiveTo: '9999-12-31T23:59:59-08:00' });
    expect([edit.status, fields(edit.body)]).toEqual([400, ['effectiveTo']]);
    // The same second in China is still 9999 in UTC, and is published.
    expect((await call(author, 'PATCH', `/v1/answers/${id}`, { effectiveTo: '9999-12-31T23:59:59+08:00' })).status).toBe(200);
    await call(author, 'POST', `/v1/answers/${id}/submit`);
    expect((await call(supLi, 'POST', `/v1/answers/${id}/approve`)).body).toMatchObject({ status: 'published', effectiveTo: '9999-12-31T15:59:59.000Z' });
  });

  it('given versions past the Postgres integer range, then the diff and the version are 400 naming them, not a failed query', async () => {
    const id = await publish(DRAFT);
    const diff = await call(author, 'GET', `/v1/answers/${id}/versions/diff?from=7248252333160&to=2479167490374`);
    expect(diff.status).toBe(400);
    expect(fields(diff.body).sort()).toEqual(['from', 'to']);
    const version = await call(author, 'GET', `/v1/answers/${id}/versions/2147483648`);
    expect(version.status).toBe(400);
    expect(fields(version.body)).toEqual(['version']);
    expect((await call(author, 'GET', `/v1/answers/${id}/versions/2147483647`)).status).toBe(404);
  });
});

describe('GET /v1/answers', () => {
  it('given more answers than a page, then cursor pages hold each once, most recently changed first', async () => {
    const first = await call(author, 'GET', '/v1/answers?limit=2');
    const cursor = String(first.body['nextCursor']);
    const second = await call(author, 'GET', `/v1/answers?limit=2&cursor=${cursor}`);
    const ids = [...(first.body['items'] as { id: string }[]), ...(second.body['items'] as { id: string }[])].map((a) => a.id);
    expect(new Set(ids).size).toBe(4);
    const all = await call(author, 'GET', '/v1/answers?limit=100');
    expect((all.body['items'] as { id: string }[]).slice(0, 4).map((a) => a.id)).toEqual(ids);
    const drafts = await call(author, 'GET', '/v1/answers?status=published&limit=100');
    expect((drafts.body['items'] as { status: string }[]).every((a) => a.status === 'published')).toBe(true);
  });
});

describe('immutable versions', () => {
  it('given a published answer, when edited and republished, then version 1 is intact, both are listed and the diff shows the change', async () => {
    const id = await publish(DRAFT);
    const edited = await call(author, 'PATCH', `/v1/answers/${id}`, { body: '您好，物业费可通过物业服务中心前台、微信公众号或支付宝缴纳。\n按季度预交。', tags: ['物业费', '支付宝'] });
    expect(edited.body).toMatchObject({ status: 'draft', publishedVersion: 1 });

    // While the new draft is edited, version 1 stays in force and is found by search.
    const during = await call(author, 'GET', `/v1/answers/search?q=${encodeURIComponent('物业费怎么交')}`);
    expect((during.body['items'] as { answerId: string; version: number }[]).find((h) => h.answerId === id)?.version).toBe(1);

    await call(author, 'POST', `/v1/answers/${id}/submit`);
    await call(supZhao, 'POST', `/v1/answers/${id}/approve`);

    const versions = await call(author, 'GET', `/v1/answers/${id}/versions`);
    expect((versions.body['items'] as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    const v1 = await call(author, 'GET', `/v1/answers/${id}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, body: DRAFT.body, tags: ['物业费'], approvedBy: 'sup-li' });

    const diff = await call(author, 'GET', `/v1/answers/${id}/versions/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect((diff.body['fields'] as { field: string }[]).map((f) => f.field)).toEqual(['body', 'tags']);
    expect(diff.body['body']).toEqual([
      { op: 'added', line: '您好，物业费可通过物业服务中心前台、微信公众号或支付宝缴纳。' },
      { op: 'removed', line: '您好，物业费可通过物业服务中心前台或微信公众号缴纳。' },
      { op: 'same', line: '按季度预交。' },
    ]);
    expect(diff.body['bodyLineByLine']).toBe(true);
    expect((await call(author, 'GET', `/v1/answers/${id}/versions/9`)).status).toBe(404);
  });

  it('given an answer of many versions, when its versions are listed a page at a time, then each page is newest first, holds only versions the reader may see, and the last page gives no cursor', async () => {
    const id = await publish({ ...DRAFT, title: '装修押金的退还' });
    for (const change of [{ body: '装修押金验收后退还。' }, { body: '西区装修押金验收后七日内退还。', projects: ['P002'] }, { body: '装修押金验收合格后七日内退还。', projects: null }]) {
      expect((await call(author, 'PATCH', `/v1/answers/${id}`, change)).status).toBe(200);
      expect((await call(author, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
      expect((await call(supZhao, 'POST', `/v1/answers/${id}/approve`)).status).toBe(200);
    }
    const versionsOf = (body: Record<string, unknown>) => (body['items'] as { version: number }[]).map((v) => v.version);

    const first = await call(p001Agent, 'GET', `/v1/answers/${id}/versions?limit=2`);
    expect([first.status, versionsOf(first.body)]).toEqual([200, [4, 2]]);
    const cursor = String(first.body['nextCursor']);
    const second = await call(p001Agent, 'GET', `/v1/answers/${id}/versions?limit=2&cursor=${cursor}`);
    expect([second.status, versionsOf(second.body), second.body['nextCursor']]).toEqual([200, [1], undefined]);
    expect(versionsOf((await call(author, 'GET', `/v1/answers/${id}/versions?limit=3`)).body)).toEqual([4, 3, 2]);

    const tampered = await call(p001Agent, 'GET', `/v1/answers/${id}/versions?cursor=${Buffer.from('v0').toString('base64url')}`);
    expect([tampered.status, tampered.body['code'], fields(tampered.body)]).toEqual([400, 'ANSWER.BAD_CURSOR', ['cursor']]);
    const tooMany = await call(p001Agent, 'GET', `/v1/answers/${id}/versions?limit=101`);
    expect([tooMany.status, fields(tooMany.body)]).toEqual([400, ['limit']]);
  });

  it('given a published answer, when retired, then it is never found again and the retirement is an event', async () => {
    const id = await publish({ ...DRAFT, title: '即将下线的停车答复', questions: ['临时停车收费'], body: '临时停车首小时免费。' });
    const before = await call(author, 'GET', `/v1/answers/search?q=${encodeURIComponent('临时停车收费')}`);
    expect((before.body['items'] as { answerId: string }[]).map((h) => h.answerId)).toContain(id);
    const retired = await call(supLi, 'POST', `/v1/answers/${id}/retire`);
    expect(retired.body).toMatchObject({ status: 'retired' });
    const after = await call(author, 'GET', `/v1/answers/search?q=${encodeURIComponent('临时停车收费')}`);
    expect((after.body['items'] as { answerId: string }[]).map((h) => h.answerId)).not.toContain(id);
    expect((await outbox('knowledge.answer.retired.v1')).map((r) => r.message_key)).toContain(id);
    expect((await call(author, 'PATCH', `/v1/answers/${id}`, { title: '复活' })).status).toBe(409);
  });
});

describe('project restriction', () => {
  let p001Only: string;

  beforeAll(async () => {
    p001Only = await publish({ ...DRAFT, title: 'P001 专属：翠湖苑车位租金', questions: ['翠湖苑车位租金多少'], body: '翠湖苑地下车位月租350元。', projects: ['P001'] }, p001Agent);
  });

  it('given a P002 user, when reading, listing, searching or acting on a P001-only answer, then it is as if it did not exist', async () => {
    const read = await call(p002Agent, 'GET', `/v1/answers/${p001Only}`);
    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ code: 'ANSWER.NOT_FOUND' });
    expect((await call(p002Agent, 'GET', `/v1/answers/${p001Only}/versions`)).status).toBe(404);
    expect((await call(p002Agent, 'GET', `/v1/answers/${p001Only}/versions/1`)).status).toBe(404);
    expect((await call(p002Agent, 'PATCH', `/v1/answers/${p001Only}`, { title: '改掉' })).status).toBe(404);
    expect((await call(p002Supervisor, 'POST', `/v1/answers/${p001Only}/retire`)).status).toBe(404);
    const list = await call(p002Agent, 'GET', '/v1/answers?limit=100');
    expect((list.body['items'] as { id: string }[]).map((a) => a.id)).not.toContain(p001Only);
    const search = await call(p002Agent, 'GET', `/v1/answers/search?q=${encodeURIComponent('翠湖苑车位租金')}`);
    expect((search.body['items'] as { answerId: string }[]).map((h) => h.answerId)).not.toContain(p001Only);
    expect((await call(p001Agent, 'GET', `/v1/answers/${p001Only}`)).body).toMatchObject({ status: 'published', projects: ['P001'] });
  });

  it('given a P002 user, when writing an answer for P001 or for every project, then it is 403 naming projects', async () => {
    for (const projects of [['P001'], null]) {
      const response = await call(p002Agent, 'POST', '/v1/answers', { ...DRAFT, projects });
      expect(response.status).toBe(403);
      expect(fields(response.body)).toEqual(['projects']);
    }
    expect((await call(p002Agent, 'POST', '/v1/answers', { ...DRAFT, projects: ['P002'] })).status).toBe(201);
  });

  it('given a P002 user, when changing the projects of an answer shared with P001 or for every project, then they may add their own but take no other team’s off', async () => {
    const everyProject = await publish({ ...DRAFT, title: '全体项目：装修申请流程' });
    const shared = await publish({ ...DRAFT, title: '两个项目：快递代收', projects: ['P001', 'P002'] });
    const refused = async (id: string, projects: string[] | null) => {
      const response = await call(p002Agent, 'PATCH', `/v1/answers/${id}`, { projects });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'ANSWER.PROJECT_OUT_OF_SCOPE' });
      expect(fields(response.body)).toEqual(['projects']);
    };
    await refused(everyProject, ['P002']);
    await refused(shared, ['P002']);
    await refused(shared, ['P001', 'P002', 'P003']);
    await refused(shared, null);
    expect((await call(p001Agent, 'GET', `/v1/answers/${everyProject}`)).body).toMatchObject({ projects: null });
    expect((await call(p001Agent, 'GET', `/v1/answers/${shared}`)).body).toMatchObject({ projects: ['P001', 'P002'] });
    // The same projects in another order, with another change: no change of projects at all.
    expect((await call(p002Agent, 'PATCH', `/v1/answers/${shared}`, { projects: ['P002', 'P001'], title: '两个项目：快递代收点' })).status).toBe(200);
    expect((await call(p002Agent, 'PATCH', `/v1/answers/${everyProject}`, { projects: null, title: '全体项目：装修申请须知' })).status).toBe(200);
    expect((await call(p001Agent, 'GET', `/v1/answers/${shared}`)).body).toMatchObject({ title: '两个项目：快递代收点' });
  });

  it('given a P002 supervisor, when retiring an answer for every project or one shared with P001, then it is 403 naming projects and the answer stays; one of P002 alone they retire', async () => {
    const everyProject = await publish({ ...DRAFT, title: '全体项目：垃圾分类投放时间' });
    const shared = await publish({ ...DRAFT, title: '两个项目：电动车充电桩', projects: ['P001', 'P002'] });
    for (const id of [everyProject, shared]) {
      const response = await call(p002Supervisor, 'POST', `/v1/answers/${id}/retire`);
      expect([response.status, response.body['code'], fields(response.body)]).toEqual([403, 'ANSWER.PROJECT_OUT_OF_SCOPE', ['projects']]);
      expect((await call(p001Agent, 'GET', `/v1/answers/${id}`)).body).toMatchObject({ status: 'published' });
    }
    // In force for P001 and P002, its working copy narrowed to P002 by someone serving both: still P001's.
    const narrowed = await publish({ ...DRAFT, title: '两个项目：垃圾清运时间', projects: ['P001', 'P002'] });
    expect((await call(author, 'PATCH', `/v1/answers/${narrowed}`, { projects: ['P002'] })).status).toBe(200);
    expect((await call(p002Supervisor, 'POST', `/v1/answers/${narrowed}/retire`)).status).toBe(403);
    const own = await publish({ ...DRAFT, title: 'P002 专属：西区门禁', projects: ['P002'] }, p002Agent);
    expect((await call(p002Supervisor, 'POST', `/v1/answers/${own}/retire`)).body).toMatchObject({ status: 'retired' });
  });

  it('given an answer in force for P001 and P002 with a version for P001 alone approved to start later, then a P001 supervisor neither retires it nor approves another: the version in force still reaches P002', async () => {
    const p001Supervisor: Caller = { role: 'supervisor', sub: 'sup-p001', projects: ['P001'] };
    const shared = await publish({ ...DRAFT, title: '两个项目：门禁卡补办', projects: ['P001', 'P002'] });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await call(author, 'PATCH', `/v1/answers/${shared}`, { projects: ['P001'], effectiveFrom: later })).status).toBe(200);
    await call(author, 'POST', `/v1/answers/${shared}/submit`);
    expect((await call(supLi, 'POST', `/v1/answers/${shared}/approve`)).body).toMatchObject({ publishedVersion: 2, projects: ['P001'] });

    const retire = await call(p001Supervisor, 'POST', `/v1/answers/${shared}/retire`);
    expect([retire.status, retire.body['code'], fields(retire.body)]).toEqual([403, 'ANSWER.PROJECT_OUT_OF_SCOPE', ['projects']]);
    expect((await call(p001Agent, 'PATCH', `/v1/answers/${shared}`, { body: '门禁卡补办请到物业前台。' })).status).toBe(200);
    await call(p001Agent, 'POST', `/v1/answers/${shared}/submit`);
    const approve = await call(p001Supervisor, 'POST', `/v1/answers/${shared}/approve`);
    expect([approve.status, approve.body['code']]).toEqual([403, 'ANSWER.PROJECT_OUT_OF_SCOPE']);
    expect((await call(p002Agent, 'GET', `/v1/answers/${shared}`)).body).toMatchObject({ status: 'submitted', publishedVersion: 2 });
  });

  it('given a P002 supervisor, when approving an edit of an answer for every project or one shared with P001, then it is 403 naming projects and the version in force stays; one of P002 alone they approve', async () => {
    const everyProject = await publish({ ...DRAFT, title: '全体项目：物业费缴费账户' });
    const shared = await publish({ ...DRAFT, title: '两个项目：停车费缴费账户', projects: ['P001', 'P002'] });
    for (const id of [everyProject, shared]) {
      // A P002 agent may edit it; four eyes approve, and the approver answers for every team it reaches.
      expect((await call(p002Agent, 'PATCH', `/v1/answers/${id}`, { body: '请转账至西区账户。' })).status).toBe(200);
      expect((await call(p002Agent, 'POST', `/v1/answers/${id}/submit`)).status).toBe(200);
      const response = await call(p002Supervisor, 'POST', `/v1/answers/${id}/approve`);
      expect([response.status, response.body['code'], fields(response.body)]).toEqual([403, 'ANSWER.PROJECT_OUT_OF_SCOPE', ['projects']]);
      expect((await call(p001Agent, 'GET', `/v1/answers/${id}/versions`)).body['items']).toHaveLength(1);
      expect((await call(supLi, 'POST', `/v1/answers/${id}/approve`)).status).toBe(200);
    }
    const own = await publish({ ...DRAFT, title: 'P002 专属：西区车位', projects: ['P002'] }, p002Agent);
    expect((await call(p002Agent, 'PATCH', `/v1/answers/${own}`, { body: '西区车位月租300元。' })).status).toBe(200);
    expect((await call(p002Agent, 'POST', `/v1/answers/${own}/submit`)).status).toBe(200);
    expect((await call(p002Supervisor, 'POST', `/v1/answers/${own}/approve`)).body).toMatchObject({ status: 'published', publishedVersion: 2 });
  });

  it('given a draft narrowing an answer to P002, then P001 still reads the version in force to it; given one widening a P001 answer to P002, then P002 does not read P001’s version', async () => {
    const narrowed = await publish({ ...DRAFT, title: '两个项目：访客停车规定', projects: ['P001', 'P002'] });
    expect((await call(author, 'PATCH', `/v1/answers/${narrowed}`, { projects: ['P002'] })).status).toBe(200);
    expect((await call(p001Agent, 'GET', `/v1/answers/${narrowed}`)).status).toBe(200);
    expect((await call(p001Agent, 'GET', `/v1/answers/${narrowed}/versions/1`)).status).toBe(200);
    expect((await call(p001Agent, 'POST', '/v1/suggestions/feedback', { answerId: narrowed, version: 1, outcome: 'used' })).status).toBe(204);
    expect(((await call(p001Agent, 'GET', '/v1/answers?limit=100')).body['items'] as { id: string }[]).map((a) => a.id)).toContain(narrowed);

    const widened = await publish({ ...DRAFT, title: 'P001 专属：访客登记', projects: ['P001'] }, p001Agent);
    expect((await call(author, 'PATCH', `/v1/answers/${widened}`, { projects: ['P001', 'P002'] })).status).toBe(200);
    expect((await call(p002Agent, 'GET', `/v1/answers/${widened}/versions/1`)).status).toBe(404);
    expect((await call(p002Agent, 'GET', `/v1/answers/${widened}/versions`)).body['items']).toEqual([]);
    expect((await call(p002Agent, 'POST', '/v1/suggestions/feedback', { answerId: widened, version: 1, outcome: 'helped' })).status).toBe(422);
    expect((await call(p001Agent, 'GET', `/v1/answers/${widened}/versions/1`)).status).toBe(200);
  });

  it('given a P002 user, when searching with project=P001, then it is 400 naming project', async () => {
    const response = await call(p002Agent, 'GET', `/v1/answers/search?q=x&project=P001`);
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(['project']);
  });
});
