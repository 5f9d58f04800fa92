import { randomUUID } from 'node:crypto';
import type { EventOf } from '@cs/messaging';
import { ConsumerStep, consumeInOneTransaction } from '@cs/platform';
import type { TicketClosedV1, TicketCreatedV1, TicketRecordAmendedV1, TicketRepliedV1, TicketReplyApprovedV1 } from '@cs/contracts';
import { mostAskedItems } from '../infrastructure/item-demand.repository';
import { CORPUS } from '../testing/answer-corpus';
import { Caller, KnowledgeHttpApp, callAs, knowledgeHttpApp } from '../testing/knowledge-http-app.support.spec';
import { TicketEventsController } from './ticket-events.controller';

const agent: Caller = { role: 'agent', sub: 'agent-wang' };
const supervisor: Caller = { role: 'supervisor', sub: 'sup-li' };
const p001: Caller = { role: 'agent', sub: 'agent-p001', projects: ['P001'] };
const p002: Caller = { role: 'agent', sub: 'agent-p002', projects: ['P002'] };
const p001Supervisor: Caller = { role: 'supervisor', sub: 'sup-p001', projects: ['P001'] };

let k: KnowledgeHttpApp;
let events: TicketEventsController;
const idOf = new Map<string, string>();
const at = new Date().toISOString();

function envelope<D>(type: string, subject: string, data: D) {
  return { id: randomUUID(), type, source: '/cs/tickets', subject, time: at, data };
}

/** Ticket events handled as the consumer handles them: in order, in one transaction. */
const deliver = (...steps: ConsumerStep[]): Promise<void> => consumeInOneTransaction(k.db.dataSource, steps);

const closed = (event: EventOf<typeof TicketClosedV1>): ConsumerStep => [event, (context) => events.closed(event, context)];
const created = (event: EventOf<typeof TicketCreatedV1>): ConsumerStep => [event, (context) => events.ticketCreated(event, context)];
type Amended = Pick<EventOf<typeof TicketRecordAmendedV1>['data'], 'amended' | 'previous'>;
/** 补录 delivered: the ticket now of `itemCode`, with what was amended and what it held. */
async function deliverAmended(ticketId: string, itemCode: string, change: Amended): Promise<void> {
  const event = envelope('ticket.record_amended.v1', ticketId, { ...base(ticketId, itemCode), status: 'in_progress', sectionCode: itemCode.split('.')[0]!, ...change }) as EventOf<typeof TicketRecordAmendedV1>;
  await deliver([event, (context) => events.recordAmended(event, context)]);
}

function ticketCreated(ticketId: string, summary: string, itemCode: string, projectCode = 'P001'): EventOf<typeof TicketCreatedV1> {
  return envelope('ticket.created.v1', ticketId, {
    ticketId,
    number: 'TK-20261130-000001',
    contactId: randomUUID(),
    customerId: randomUUID(),
    channel: 'phone',
    itemCode,
    sectionCode: itemCode.split('.')[0]!,
    summary,
    unit: { projectCode, building: '3', room: '301' },
    ownerId: 'agent-p001',
    status: 'new',
    createdAt: at,
  });
}

const base = (ticketId: string, itemCode: string) => ({ ticketId, number: 'TK-20261130-000001', customerId: randomUUID(), itemCode, projectCode: 'P001', at, by: 'agent-p001' });

async function publish(key: string, extra: object = {}): Promise<string> {
  const a = CORPUS.find((c) => c.key === key)!;
  const created = await callAs(k.app, agent, 'POST', '/v1/answers', { title: a.title, questions: a.questions, body: a.body, itemCode: a.itemCode, tags: a.tags, ...extra });
  const id = String(created.body['id']);
  await callAs(k.app, agent, 'POST', `/v1/answers/${id}/submit`);
  expect((await callAs(k.app, supervisor, 'POST', `/v1/answers/${id}/approve`)).status).toBe(200);
  return id;
}

async function publishDraft(draft: object): Promise<string> {
  const created = await callAs(k.app, agent, 'POST', '/v1/answers', draft);
  const id = String(created.body['id']);
  await callAs(k.app, agent, 'POST', `/v1/answers/${id}/submit`);
  expect((await callAs(k.app, supervisor, 'POST', `/v1/answers/${id}/approve`)).status).toBe(200);
  return id;
}

/** Half an emoji: what a cut inside a surrogate pair leaves, and Postgres refuses in jsonb. */
const LONE_SURROGATE = /\p{Cs}/u;

const FEEDBACK_COUNTS = 'used, helped, not_helped';
/** A version's counts, and the answer's that rank it. */
const countsOf = async (answerId: string, version = 1): Promise<unknown> =>
  (await k.db.dataSource.query(`SELECT ${FEEDBACK_COUNTS} FROM ${k.db.schema}.answer_feedback WHERE answer_id = $1 AND version = $2`, [answerId, version]))[0];
const rankCountsOf = async (answerId: string): Promise<unknown> =>
  (await k.db.dataSource.query(`SELECT ${FEEDBACK_COUNTS} FROM ${k.db.schema}.answer_search WHERE answer_id = $1`, [answerId]))[0];

beforeAll(async () => {
  k = await knowledgeHttpApp('knowledge_suggestions_http');
  events = k.app.get(TicketEventsController);
  for (const key of ['fee-payment', 'fee-rate', 'parking', 'lift', 'invoice']) idOf.set(key, await publish(key));
  idOf.set('p002-parking', await publish('parking', { title: 'P002 停车位租赁', projects: ['P002'] }));
});
afterAll(async () => {
  await k?.close();
});

describe('suggestions for tickets', () => {
  const ticketId = randomUUID();

  it('given ticket.created with the demand, then its suggestions are stored with scores, best first, only of its project', async () => {
    await deliver(created(ticketCreated(ticketId, '我想问下停车位怎么租，一个月多少钱', 'consultation.property_service')));
    const response = await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${ticketId}`);
    expect(response.status).toBe(200);
    const items = response.body['items'] as { answerId: string; version: number; score: number }[];
    expect(items[0]).toMatchObject({ answerId: idOf.get('parking'), version: 1, score: expect.any(Number) });
    expect(items.map((i) => i.answerId)).not.toContain(idOf.get('p002-parking'));
  });

  it('given ticket.created, then its suggestions are what a search of its demand offers now: the same answers, versions, order and scores', async () => {
    const another = randomUUID();
    const demand = '电梯坏了停在楼层不动，停车位怎么租';
    await deliver(created(ticketCreated(another, demand, 'repair.public_area')));
    const pick = (items: unknown) => (items as { answerId: string; version: number; score: number }[]).map(({ answerId, version, score }) => ({ answerId, version, score }));
    const stored = pick((await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${another}`)).body['items']);
    const live = pick((await callAs(k.app, p001, 'GET', `/v1/suggestions?text=${encodeURIComponent(demand)}&item=repair.public_area`)).body['items']);
    expect(stored.length).toBeGreaterThan(1);
    expect(stored).toEqual(live);
  });

  it('given the ticket’s id in capitals (the same UUID, RFC 9562), then its suggestions are read as with the id in lower case', async () => {
    const asked = randomUUID();
    await deliver(created(ticketCreated(asked, '停车位怎么租', 'consultation.property_service')));
    const inCapitals = await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${asked.toUpperCase()}`);
    expect(inCapitals.status).toBe(200);
    expect(inCapitals.body['items']).toEqual((await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${asked}`)).body['items']);
    expect(inCapitals.body['items']).not.toEqual([]);
  });

  it('given a P002 user, when reading a P001 ticket’s suggestions, then it is 404', async () => {
    const response = await callAs(k.app, p002, 'GET', `/v1/suggestions?ticketId=${ticketId}`);
    expect(response.status).toBe(404);
  });

  it('given the suggested answer is retired, then it is never suggested again', async () => {
    const parking = idOf.get('parking')!;
    expect((await callAs(k.app, supervisor, 'POST', `/v1/answers/${parking}/retire`)).status).toBe(200);
    const stored = await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${ticketId}`);
    expect((stored.body['items'] as { answerId: string }[]).map((i) => i.answerId)).not.toContain(parking);
    const live = await callAs(k.app, p001, 'GET', `/v1/suggestions?text=${encodeURIComponent('停车位怎么租')}`);
    expect((live.body['items'] as { answerId: string }[]).map((i) => i.answerId)).not.toContain(parking);
  });

  it('given a suggested answer whose period ended, or whose version now in force is for other projects only, then the ticket is not offered it', async () => {
    const ending = await publishDraft({ title: '临时停水通知：北区二期', questions: ['北区二期什么时候恢复供水'], body: '北区二期今日临时停水，预计傍晚恢复。', effectiveTo: new Date(Date.now() + 3_000).toISOString() });
    const narrowed = await publishDraft({ title: '北区二期供水维修联系人', questions: ['北区二期供水找谁'], body: '北区二期供水问题请联系工程部值班。' });
    const ticket = randomUUID();
    await deliver(created(ticketCreated(ticket, '北区二期停水什么时候恢复供水，找谁', 'consultation.property_service')));
    const both: Caller = { role: 'agent', sub: 'agent-both', projects: ['P001', 'P002'] };
    const offered = async () => ((await callAs(k.app, both, 'GET', `/v1/suggestions?ticketId=${ticket}`)).body['items'] as { answerId: string }[]).map((i) => i.answerId);
    expect(await offered()).toEqual(expect.arrayContaining([ending, narrowed]));
    expect((await callAs(k.app, agent, 'PATCH', `/v1/answers/${narrowed}`, { projects: ['P002'] })).status).toBe(200);
    await callAs(k.app, agent, 'POST', `/v1/answers/${narrowed}/submit`);
    expect((await callAs(k.app, supervisor, 'POST', `/v1/answers/${narrowed}/approve`)).status).toBe(200);
    await new Promise((done) => setTimeout(done, 3_100));
    const after = await offered();
    expect([after.includes(ending), after.includes(narrowed)]).toEqual([false, false]);
  });

  it('given neither or both of ticketId and text, then it is 400 naming the field', async () => {
    const neither = await callAs(k.app, p001, 'GET', '/v1/suggestions');
    expect(neither.status).toBe(400);
    expect((neither.body['errors'] as { field: string }[])[0]?.field).toBe('ticketId');
    expect((await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=x&text=y`)).status).toBe(400);
  });

  it('given agents say an answer helped, then it ranks above an equally matching one', async () => {
    const twin = { title: '垃圾清运费说明', questions: ['装修垃圾清运费怎么收'], body: '装修垃圾清运费按套收取。', tags: [] };
    const first = await publishDraft(twin);
    const second = await publishDraft(twin);
    const ask = async () => ((await callAs(k.app, agent, 'GET', `/v1/suggestions?text=${encodeURIComponent('装修垃圾清运费')}`)).body['items'] as { answerId: string }[]).map((i) => i.answerId);
    const before = await ask();
    const lower = before.indexOf(first) > before.indexOf(second) ? first : second;
    expect(before.indexOf(lower)).toBe(1);
    for (const sub of ['agent-1', 'agent-2', 'agent-3']) {
      const recorded = await callAs(k.app, { ...agent, sub }, 'POST', '/v1/suggestions/feedback', { answerId: lower, version: 1, outcome: 'helped' });
      expect(recorded.status).toBe(204);
    }
    expect((await ask())[0]).toBe(lower);
    expect(await countsOf(lower)).toEqual({ used: 0, helped: 3, not_helped: 0 });
    const unknown = await callAs(k.app, agent, 'POST', '/v1/suggestions/feedback', { answerId: lower, version: 7, outcome: 'helped' });
    expect(unknown.status).toBe(422);
    // Past what a version number can be: the field named, not Postgres's integer overflow as a 500.
    const huge = await callAs(k.app, agent, 'POST', '/v1/suggestions/feedback', { answerId: lower, version: 2_147_483_648, outcome: 'helped' });
    expect([huge.status, (huge.body['errors'] as { field: string }[]).map((e) => e.field)]).toEqual([400, ['version']]);
  });

  it("given one agent repeats a verdict, even at once, then it counts once; a changed verdict moves it; each use counts", async () => {
    const answer = await publishDraft({ title: '快递柜使用说明', questions: ['快递柜怎么取件'], body: '扫码取件。', tags: [] });
    const give = (outcome: string, sub = 'agent-zhao') => callAs(k.app, { ...agent, sub }, 'POST', '/v1/suggestions/feedback', { answerId: answer, version: 1, outcome });
    const repeated = await Promise.all([1, 2, 3, 4, 5].map(() => give('helped')));
    expect(repeated.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    expect(await countsOf(answer)).toEqual({ used: 0, helped: 1, not_helped: 0 });
    expect(await rankCountsOf(answer)).toEqual({ used: 0, helped: 1, not_helped: 0 });

    expect((await give('not_helped')).status).toBe(204);
    expect(await countsOf(answer)).toEqual({ used: 0, helped: 0, not_helped: 1 });
    expect(await rankCountsOf(answer)).toEqual({ used: 0, helped: 0, not_helped: 1 });

    await give('used');
    await give('used');
    await give('helped', 'agent-qian');
    expect(await countsOf(answer)).toEqual({ used: 2, helped: 1, not_helped: 1 });
    const verdicts = await k.db.dataSource.query(`SELECT user_sub, verdict FROM ${k.db.schema}.answer_verdicts WHERE answer_id = $1 ORDER BY user_sub`, [answer]);
    expect(verdicts).toEqual([
      { user_sub: 'agent-qian', verdict: 'helped' },
      { user_sub: 'agent-zhao', verdict: 'not_helped' },
    ]);
  });

  it("given one agent's verdicts on two versions of an answer, then the rank counts them once, by the latest; each version keeps its own", async () => {
    const answer = await publishDraft({ title: '水卡充值说明', questions: ['水卡在哪里充值'], body: '物业服务中心充值。', tags: [] });
    await callAs(k.app, agent, 'PATCH', `/v1/answers/${answer}`, { body: '物业服务中心或线上缴费充值。' });
    await callAs(k.app, agent, 'POST', `/v1/answers/${answer}/submit`);
    expect((await callAs(k.app, supervisor, 'POST', `/v1/answers/${answer}/approve`)).body).toMatchObject({ publishedVersion: 2 });
    const give = (version: number, outcome: string) => callAs(k.app, { ...agent, sub: 'agent-sun' }, 'POST', '/v1/suggestions/feedback', { answerId: answer, version, outcome });

    expect((await give(1, 'helped')).status).toBe(204);
    expect((await give(2, 'helped')).status).toBe(204);
    expect(await rankCountsOf(answer)).toEqual({ used: 0, helped: 1, not_helped: 0 });
    expect(await countsOf(answer, 2)).toEqual({ used: 0, helped: 1, not_helped: 0 });

    // Different verdicts at once: whichever lands last is the user's, counted once.
    await Promise.all([give(2, 'not_helped'), give(1, 'not_helped'), give(2, 'helped')]);
    const rank = (await rankCountsOf(answer)) as { helped: number; not_helped: number };
    expect(rank.helped + rank.not_helped).toBe(1);
    const [latest] = await k.db.dataSource.query(`SELECT verdict FROM ${k.db.schema}.answer_verdicts WHERE answer_id = $1 ORDER BY given_at DESC, version DESC LIMIT 1`, [answer]);
    expect(rank[(latest as { verdict: 'helped' | 'not_helped' }).verdict]).toBe(1);
    for (const version of [1, 2]) {
      const counts = (await countsOf(answer, version)) as { helped: number; not_helped: number };
      expect(counts.helped + counts.not_helped).toBe(1);
    }
  });
});

describe('gaps from consultations', () => {
  it('given a consultation closed without citing an answer, then a gap opens with its demand; one that cited an answer opens none', async () => {
    const unanswered = randomUUID();
    await deliver(created(ticketCreated(unanswered, '小区的健身房什么时候对业主开放', 'consultation.community_culture')));
    await deliver(closed(envelope('ticket.closed.v1', unanswered, { ...base(unanswered, 'consultation.community_culture'), status: 'closed' }) as EventOf<typeof TicketClosedV1>));

    const answered = randomUUID();
    await deliver(created(ticketCreated(answered, '电梯坏了', 'consultation.property_service')));
    const replied = envelope('ticket.replied.v1', answered, { ...base(answered, 'consultation.property_service'), status: 'in_progress', answerId: idOf.get('lift')!, firstReply: true }) as EventOf<typeof TicketRepliedV1>;
    await deliver([replied, (context) => events.replied(replied, context)]);
    await deliver(closed(envelope('ticket.closed.v1', answered, { ...base(answered, 'consultation.property_service'), status: 'closed' }) as EventOf<typeof TicketClosedV1>));

    // Opened as a consultation, closed as the repair the desk corrected it to (补录): no knowledge gap.
    const repair = randomUUID();
    await deliver(created(ticketCreated(repair, '厨房水管漏水', 'consultation.other')));
    await deliver(closed(envelope('ticket.closed.v1', repair, { ...base(repair, 'repair.own_unit'), status: 'closed' }) as EventOf<typeof TicketClosedV1>));

    const gaps = (await callAs(k.app, p001Supervisor, 'GET', '/v1/gaps')).body['items'] as { source: string; sample: string; ticketIds: string[] }[];
    const consultation = gaps.filter((g) => g.source === 'consultation');
    expect(consultation).toEqual([expect.objectContaining({ sample: '小区的健身房什么时候对业主开放', ticketIds: [unanswered], itemCode: 'consultation.community_culture', projectCode: 'P001' })]);
    expect((await callAs(k.app, { role: 'supervisor', sub: 's', projects: ['P002'] }, 'GET', '/v1/gaps')).body['items']).toEqual([]);
  });
});

describe('a draft from a gap asked with an emoji', () => {
  it('given a consultation’s demand with an emoji where the draft’s title and phrasing are cut, when a supervisor drafts the gap, then both are cut between characters and the draft is made', async () => {
    const ticketId = randomUUID();
    const item = 'consultation.brand_activities';
    // 199 characters, then an emoji across the 200th and 201st UTF-16 units, where the title and first phrasing end.
    const demand = `${'社区周末亲子活动在哪里报名需要带什么'.repeat(12).slice(0, 199)}😊`;
    await deliver(created(ticketCreated(ticketId, demand, item)));
    await deliver(closed(envelope('ticket.closed.v1', ticketId, { ...base(ticketId, item), status: 'closed' }) as EventOf<typeof TicketClosedV1>));
    const gaps = (await callAs(k.app, p001Supervisor, 'GET', `/v1/gaps?item=${item}`)).body['items'] as { id: string; sample: string }[];
    expect(gaps.map((g) => g.sample)).toEqual([demand]);

    const drafted = await callAs(k.app, p001Supervisor, 'POST', `/v1/gaps/${gaps[0]!.id}/draft`, {});
    expect(drafted.status).toBe(201);
    const answer = drafted.body['answer'] as { title: string; questions: string[] };
    for (const text of [answer.title, ...answer.questions]) {
      expect(text).not.toMatch(LONE_SURROGATE);
      expect(demand.startsWith(text.replace(/…$/, ''))).toBe(true);
    }
  });
});

describe('a draft from an invalid complaint’s approved reply', () => {
  it('given ticket.reply_approved, when a supervisor drafts from it, then the draft holds the reply and the demand, once', async () => {
    const ticketId = randomUUID();
    const item = 'complaint.community_environment';
    await deliver(created(ticketCreated(ticketId, '楼下广场舞太吵影响休息', item)));
    const approved = envelope('ticket.reply_approved.v1', ticketId, { ...base(ticketId, item), status: 'in_progress', by: 'sup-p001', text: '广场舞活动时间为19:00-21:00，物业已提醒降低音量，请您谅解。' }) as EventOf<typeof TicketReplyApprovedV1>;
    await deliver([approved, (context) => events.replyApproved(approved, context)]);
    expect((await callAs(k.app, { role: 'supervisor', sub: 's2', projects: ['P002'] }, 'POST', '/v1/answers/from-reply', { ticketId })).status).toBe(404);
    const drafted = await callAs(k.app, p001Supervisor, 'POST', '/v1/answers/from-reply', { ticketId });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({
      status: 'draft',
      body: '广场舞活动时间为19:00-21:00，物业已提醒降低音量，请您谅解。',
      questions: ['楼下广场舞太吵影响休息'],
      itemCode: item,
      projects: ['P001'],
    });
    expect((await callAs(k.app, p001Supervisor, 'POST', '/v1/answers/from-reply', { ticketId })).status).toBe(409);
    expect((await callAs(k.app, p001, 'POST', '/v1/answers/from-reply', { ticketId })).status).toBe(403);
  });

  it('given the ticket’s id in capitals (the same UUID, RFC 9562), when a supervisor drafts from its reply, then the draft is made, once', async () => {
    const ticketId = randomUUID();
    const item = 'complaint.community_environment';
    await deliver(created(ticketCreated(ticketId, '楼道堆放杂物', item)));
    const approved = envelope('ticket.reply_approved.v1', ticketId, { ...base(ticketId, item), status: 'in_progress', by: 'sup-p001', text: '物业已安排清理楼道杂物。' }) as EventOf<typeof TicketReplyApprovedV1>;
    await deliver([approved, (context) => events.replyApproved(approved, context)]);
    expect((await callAs(k.app, p001Supervisor, 'POST', '/v1/answers/from-reply', { ticketId: ticketId.toUpperCase() })).status).toBe(201);
    expect((await callAs(k.app, p001Supervisor, 'POST', '/v1/answers/from-reply', { ticketId })).status).toBe(409);
  });

  it('given a demand with an emoji where the title is cut, when a supervisor drafts from the reply, then the title is cut between characters and the draft is made', async () => {
    const ticketId = randomUUID();
    const item = 'complaint.community_environment';
    // 39 characters, then an emoji across the 40th and 41st UTF-16 units, where the default title ends.
    const demand = `${'楼下广场舞太吵影响休息'.repeat(4).slice(0, 39)}😡😡晚上十点还在跳`;
    await deliver(created(ticketCreated(ticketId, demand, item)));
    const approved = envelope('ticket.reply_approved.v1', ticketId, { ...base(ticketId, item), status: 'in_progress', by: 'sup-p001', text: '物业已提醒降低音量，请您谅解。' }) as EventOf<typeof TicketReplyApprovedV1>;
    await deliver([approved, (context) => events.replyApproved(approved, context)]);
    const drafted = await callAs(k.app, p001Supervisor, 'POST', '/v1/answers/from-reply', { ticketId });
    expect(drafted.status).toBe(201);
    const title = String(drafted.body['title']);
    expect(title).not.toMatch(LONE_SURROGATE);
    expect(demand.startsWith(title.replace(/…$/, ''))).toBe(true);
    expect(drafted.body['questions']).toEqual([demand]);
  });
});

describe('the new tickets of one consumer transaction', () => {
  it('given two new tickets in one transaction, then each has its suggestions and the demand counts both, in one appended row per item and project', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const item = 'consultation.gathered_demand';
    await deliver(created(ticketCreated(first, '电梯坏了一直没人修', item)), created(ticketCreated(second, '物业费怎么交', item)));

    const suggested = async (ticketId: string) =>
      ((await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${ticketId}`)).body['items'] as { answerId: string }[]).map((i) => i.answerId);
    expect((await suggested(first))[0]).toBe(idOf.get('lift'));
    expect((await suggested(second))[0]).toBe(idOf.get('fee-payment'));
    const demand = await k.db.dataSource.query(`SELECT project_code, tickets FROM ${k.db.schema}.item_demand_appended WHERE item_code = $1`, [item]);
    expect(demand).toEqual([{ project_code: 'P001', tickets: 2 }]);
  });

  it('given tickets classified or corrected at the desk (补录), then the demand counts each under its new item, and an item left with none is not listed', async () => {
    const [unclassified, misfiled] = [randomUUID(), randomUUID()];
    const [from, to] = ['consultation.amended_from', 'repair.amended_to'];
    await deliver(created(ticketCreated(unclassified, '厨房漏水', from)), created(ticketCreated(misfiled, '楼道灯坏了', from)));
    for (const ticketId of [unclassified, misfiled]) {
      await deliverAmended(ticketId, to, { amended: { itemCode: to }, previous: { itemCode: from } });
    }
    const items = await mostAskedItems(k.db.dataSource.manager, ['P001'], 200);
    expect(items.find((i) => i.itemCode === to)).toMatchObject({ tickets: 2 });
    expect(items.find((i) => i.itemCode === from)).toBeUndefined();
  });

  it('given a ticket reclassified at the desk (补录), then it is offered what its demand finds under the new item, and keeps the answer a reply cited', async () => {
    const ticketId = randomUUID();
    const demand = '电梯坏了，物业费怎么交';
    const [from, to] = ['consultation.property_service', 'repair.public_area'];
    const replied = envelope('ticket.replied.v1', ticketId, { ...base(ticketId, from), status: 'in_progress', answerId: idOf.get('invoice')!, firstReply: true }) as EventOf<typeof TicketRepliedV1>;
    await deliver(created(ticketCreated(ticketId, demand, from)), [replied, (context) => events.replied(replied, context)]);
    const suggested = async () => ((await callAs(k.app, p001, 'GET', `/v1/suggestions?ticketId=${ticketId}`)).body['items'] as { answerId: string; itemCode?: string }[]).map((i) => i.answerId);
    const live = async (item: string) =>
      ((await callAs(k.app, p001, 'GET', `/v1/suggestions?text=${encodeURIComponent(demand)}&item=${item}`)).body['items'] as { answerId: string }[]).map((i) => i.answerId);
    expect(await suggested()).toEqual(await live(from));
    expect(await live(to)).not.toEqual(await live(from));

    await deliverAmended(ticketId, to, { amended: { itemCode: to }, previous: { itemCode: from } });

    expect(await suggested()).toEqual(await live(to));
    const [row] = await k.db.dataSource.query(`SELECT item_code, section_code, demand, cited_answer FROM ${k.db.schema}.ticket_suggestions WHERE ticket_id = $1`, [ticketId]);
    expect(row).toEqual({ item_code: to, section_code: 'repair', demand, cited_answer: idOf.get('invoice') });
  });

  it('given only the room amended, then the suggestions stay as they were', async () => {
    const ticketId = randomUUID();
    const item = 'consultation.property_service';
    await deliver(created(ticketCreated(ticketId, '电梯坏了，物业费怎么交', item)));
    const before = await k.db.dataSource.query(`SELECT suggestions, computed_at FROM ${k.db.schema}.ticket_suggestions WHERE ticket_id = $1`, [ticketId]);
    await deliverAmended(ticketId, item, { amended: { room: '302' }, previous: { room: '301' } });
    expect(await k.db.dataSource.query(`SELECT suggestions, computed_at FROM ${k.db.schema}.ticket_suggestions WHERE ticket_id = $1`, [ticketId])).toEqual(before);
  });

  it('given a consultation opened and closed without an answer in one transaction, then its gap holds what the customer asked: the close read the ticket written before it', async () => {
    const ticketId = randomUUID();
    const item = 'consultation.gathered_gap';
    const closing = envelope('ticket.closed.v1', ticketId, { ...base(ticketId, item), status: 'closed' }) as EventOf<typeof TicketClosedV1>;
    await deliver(created(ticketCreated(ticketId, '会所游泳池几点开门', item)), closed(closing));

    const gaps = (await callAs(k.app, p001Supervisor, 'GET', '/v1/gaps')).body['items'] as { sample: string; ticketIds: string[] }[];
    expect(gaps.find((g) => g.ticketIds.includes(ticketId))).toMatchObject({ sample: '会所游泳池几点开门' });
  });

  it('given a ticket opened and answered in one transaction, then the answer it cited is kept with its suggestions, and its close opens no gap', async () => {
    const ticketId = randomUUID();
    const item = 'consultation.gathered_cited';
    const replied = envelope('ticket.replied.v1', ticketId, { ...base(ticketId, item), status: 'in_progress', answerId: idOf.get('lift')!, firstReply: true }) as EventOf<typeof TicketRepliedV1>;
    await deliver(created(ticketCreated(ticketId, '电梯坏了怎么报修', item)), [replied, (context) => events.replied(replied, context)]);
    await deliver(closed(envelope('ticket.closed.v1', ticketId, { ...base(ticketId, item), status: 'closed' }) as EventOf<typeof TicketClosedV1>));

    const [row] = await k.db.dataSource.query(`SELECT demand, cited_answer, jsonb_array_length(suggestions) AS suggested FROM ${k.db.schema}.ticket_suggestions WHERE ticket_id = $1`, [ticketId]);
    expect(row).toEqual({ demand: '电梯坏了怎么报修', cited_answer: idOf.get('lift'), suggested: expect.any(Number) });
    expect(row.suggested).toBeGreaterThan(0);
    const gaps = (await callAs(k.app, p001Supervisor, 'GET', '/v1/gaps')).body['items'] as { ticketIds: string[] }[];
    expect(gaps.some((g) => g.ticketIds.includes(ticketId))).toBe(false);
  });
});
