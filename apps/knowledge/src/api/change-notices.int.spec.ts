import { OFFICE_WEEK } from '@cs/business-calendar';
import { CalendarReplica, LOGGER, OUTBOX } from '@cs/platform';
import { ChangeNotices } from '../application/change-notices';
import { ReviewOverdueLoop } from '../application/review-overdue-loop';
import { ChangeNotice, ReviewRepository } from '../infrastructure/review.repository';
import { Caller, KnowledgeHttpApp, callAs, knowledgeHttpApp } from '../testing/knowledge-http-app.support.spec';

const agent: Caller = { role: 'agent', sub: 'agent-wang' };
const supervisor: Caller = { role: 'supervisor', sub: 'sup-li' };
const liaison: Caller = { role: 'handler', sub: 'finance-liaison' };
const p002Liaison: Caller = { role: 'handler', sub: 'p002-liaison', projects: ['P002'] };

const CHINA_2026 = {
  timezone: 'Asia/Shanghai',
  workingHours: OFFICE_WEEK,
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};

let k: KnowledgeHttpApp;
let overdueLoop: ReviewOverdueLoop;

async function publish(title: string, itemCode: string, projects: string[] | null, extra: object = {}): Promise<string> {
  const created = await callAs(k.app, agent, 'POST', '/v1/answers', { title, questions: [title], body: `${title}。`, itemCode, projects, ...extra });
  const id = String(created.body['id']);
  await callAs(k.app, agent, 'POST', `/v1/answers/${id}/submit`);
  expect((await callAs(k.app, supervisor, 'POST', `/v1/answers/${id}/approve`)).status).toBe(200);
  return id;
}

/** The default calendar at `version`, as the tickets service would publish it. */
async function publishCalendar(version: number, document: object, at = new Date().toISOString()): Promise<void> {
  await k.db.dataSource.transaction((tx) => k.app.get(CalendarReplica).apply(tx, { calendarId: 'default', version, document: JSON.parse(JSON.stringify(document)) as never, at }));
}

/** A lift policy change for every project, filed by engineering's liaison at `filedAt`. */
async function liftNotice(title: string, description: string, filedAt: Date): Promise<ChangeNotice> {
  const filing = { department: 'engineering', kind: 'policies' as const, title, description, itemCodes: ['repair.public_area'], projects: null };
  const { notice } = await k.app.get(ChangeNotices).file(filing, { sub: 'finance-liaison', projects: undefined }, filedAt);
  return notice;
}

beforeAll(async () => {
  k = await knowledgeHttpApp('knowledge_change_notices');
  // Rounds are run by hand here: the loop's own timer would race the assertions.
  overdueLoop = new ReviewOverdueLoop(k.db.dataSource, k.app.get(ReviewRepository), k.app.get(CalendarReplica), k.app.get(OUTBOX), k.app.get(LOGGER));
});
afterAll(async () => {
  await k?.close();
});

describe('a change notice before the business calendar has arrived', () => {
  it('is refused with 503 and Retry-After, and nothing is stored: its due date is never counted on a guessed calendar', async () => {
    const refused = await callAs(k.app, liaison, 'POST', '/v1/change-notices', {
      department: 'finance',
      kind: 'fees',
      title: '物业费调整',
      description: '2027年起物业费调整',
      itemCodes: ['consultation.property_service'],
      projects: null,
    });
    expect([refused.status, refused.body['code'], refused.headers['retry-after']]).toEqual([503, 'CALENDAR.NOT_RECEIVED', '5']);
    expect(await k.db.dataSource.query(`SELECT 1 FROM ${k.db.schema}.change_notices`)).toEqual([]);
  });
});

describe('change notices', () => {
  let feeAll: string;
  let feeP001: string;
  let feeP002: string;
  let lift: string;

  beforeAll(async () => {
    await publishCalendar(1, CHINA_2026, '2026-01-01T00:00:00.000Z');
    feeAll = await publish('物业费收费标准', 'consultation.property_service', null);
    feeP001 = await publish('P001 物业费优惠', 'consultation.property_service', ['P001']);
    feeP002 = await publish('P002 物业费优惠', 'consultation.property_service', ['P002']);
    lift = await publish('电梯故障处理', 'repair.public_area', null);
  });

  it('given a fee change for P001 filed before National Day, then the fee answers of P001 and of every project are flagged, due 3 working days later by the calendar (调休 Saturday included)', async () => {
    const filedAt = new Date('2026-09-30T02:00:00.000Z'); // Wednesday 10:00 in Shanghai
    const { notice, flagged } = await k.app.get(ChangeNotices).file(
      { department: 'finance', kind: 'fees', title: '物业费调整', description: '2027年起物业费调整', itemCodes: ['consultation.property_service'], projects: ['P001'] },
      { sub: 'finance-liaison', projects: undefined },
      filedAt,
    );
    expect(flagged).toBe(2);
    // Oct 1–7 are holidays; Oct 8 (Thu), Oct 9 (Fri), Oct 10 (Sat, 调休): close of business on the 10th.
    expect(notice.dueAt.toISOString()).toBe('2026-10-10T09:30:00.000Z');
    const view = await callAs(k.app, supervisor, 'GET', `/v1/change-notices/${notice.id}`);
    expect(view.status).toBe(200);
    expect((view.body['reviews'] as { answerId: string }[]).map((r) => r.answerId).sort()).toEqual([feeAll, feeP001].sort());
    expect((view.body['reviews'] as { answerId: string }[]).map((r) => r.answerId)).not.toContain(feeP002);
    expect((view.body['reviews'] as { answerId: string }[]).map((r) => r.answerId)).not.toContain(lift);
  });

  it('given notices with open reviews, when the notices are listed, then each shows its open reviews of answers the reader may see, as its own view does', async () => {
    const p001Supervisor: Caller = { role: 'supervisor', sub: 'sup-p001', projects: ['P001'] };
    const fees = await k.app.get(ChangeNotices).file(
      { department: 'finance', kind: 'fees', title: '物业费发票开具方式调整', description: '改为电子发票', itemCodes: ['consultation.property_service'], projects: null },
      { sub: 'finance-liaison', projects: undefined },
    );
    const lifts = await liftNotice('电梯维保合同续签', '维保单位不变', new Date());
    expect([fees.flagged, lifts.id]).toEqual([3, expect.any(String)]);

    const listed = await callAs(k.app, p001Supervisor, 'GET', '/v1/change-notices');
    expect(listed.status).toBe(200);
    const items = listed.body['items'] as { id: string; reviews: { answerId: string }[] }[];
    const answersOf = (id: string) => items.find((n) => n.id === id)!.reviews.map((r) => r.answerId);
    expect(answersOf(fees.notice.id).sort()).toEqual([feeAll, feeP001].sort());
    expect(answersOf(lifts.id)).toEqual([lift]);
    for (const id of [fees.notice.id, lifts.id]) {
      expect(items.find((n) => n.id === id)!.reviews).toEqual((await callAs(k.app, p001Supervisor, 'GET', `/v1/change-notices/${id}`)).body['reviews']);
    }
  });

  it('given an overdue review, then it is listed as overdue and announced exactly once', async () => {
    const overdue = await callAs(k.app, supervisor, 'GET', '/v1/change-notices/reviews?overdue=true');
    expect((overdue.body['items'] as { answerId: string; overdue: boolean }[]).filter((r) => r.answerId === feeP001)).toEqual([expect.objectContaining({ overdue: true, reason: 'change_notice' })]);
    const first = await overdueLoop.fireDue(new Date());
    const again = await overdueLoop.fireDue(new Date());
    expect(first).toBeGreaterThanOrEqual(2);
    expect(again).toBe(0);
    const events = (await k.db.dataSource.query(`SELECT payload FROM ${k.db.schema}.outbox WHERE event_type = 'knowledge.review.overdue.v1'`)) as { payload: string }[];
    expect(events.filter((e) => e.payload.includes(feeP001))).toHaveLength(1);
  });

  it('given a flagged answer, when a new version is approved, then its review is closed', async () => {
    await callAs(k.app, agent, 'PATCH', `/v1/answers/${feeAll}`, { body: '2027年起每月每平方米3.0元。' });
    await callAs(k.app, agent, 'POST', `/v1/answers/${feeAll}/submit`);
    await callAs(k.app, supervisor, 'POST', `/v1/answers/${feeAll}/approve`);
    const open = await callAs(k.app, supervisor, 'GET', '/v1/change-notices/reviews');
    expect((open.body['items'] as { answerId: string }[]).map((r) => r.answerId)).not.toContain(feeAll);
  });

  it('given an answer past its review-by date, then the timer flags it and announces it once', async () => {
    const stale = await publish('旧的停车收费说明', 'consultation.life_convenience', null, { reviewBy: '2026-01-31' });
    expect(await overdueLoop.fireDue(new Date())).toBe(1);
    expect(await overdueLoop.fireDue(new Date())).toBe(0);
    const open = await callAs(k.app, supervisor, 'GET', '/v1/change-notices/reviews?overdue=true');
    expect((open.body['items'] as { answerId: string; reason: string }[]).filter((r) => r.answerId === stale)).toEqual([expect.objectContaining({ reason: 'review_by_date' })]);
  });

  it('given an answer in force whose stored review-by date is no date, then the timer passes it over and still flags and announces the others', async () => {
    // Stored before the API checked that the day exists; the API now refuses it (400 naming reviewBy).
    const impossible = await publish('旧的装修垃圾清运说明', 'consultation.life_convenience', null, { reviewBy: '2026-02-28' });
    await k.db.dataSource.query(`UPDATE ${k.db.schema}.answer_versions SET content = jsonb_set(content, '{reviewBy}', '"2026-02-30"') WHERE answer_id = $1`, [impossible]);
    const stale = await publish('旧的快递代收说明', 'consultation.life_convenience', null, { reviewBy: '2026-01-31' });
    await overdueLoop.fireDue(new Date());
    const open = await callAs(k.app, supervisor, 'GET', '/v1/change-notices/reviews?overdue=true');
    const flagged = (open.body['items'] as { answerId: string }[]).map((r) => r.answerId);
    expect([flagged.includes(stale), flagged.includes(impossible)]).toEqual([true, false]);
  });

  it('given a draft that moves the review-by date of an answer in force, then the date in force decides when it is flagged', async () => {
    const due = await publish('旧的电梯年检说明', 'consultation.life_convenience', null, { reviewBy: '2026-02-28' });
    const notYet = await publish('新的电梯年检说明', 'consultation.life_convenience', null, { reviewBy: '2099-12-31' });
    // Drafts waiting for approval: one clears the past date, the other brings the far one forward.
    expect((await callAs(k.app, agent, 'PATCH', `/v1/answers/${due}`, { reviewBy: null })).status).toBe(200);
    expect((await callAs(k.app, agent, 'PATCH', `/v1/answers/${notYet}`, { reviewBy: '2026-01-31' })).status).toBe(200);
    await overdueLoop.fireDue(new Date());
    const open = await callAs(k.app, supervisor, 'GET', '/v1/change-notices/reviews?overdue=true');
    const flagged = (open.body['items'] as { answerId: string }[]).map((r) => r.answerId);
    expect([flagged.includes(due), flagged.includes(notYet)]).toEqual([true, false]);
  });

  it('given a flagged answer of P001 and P002 whose draft is narrowed to P002, then P001’s supervisor still sees its review: the version reviewed is still in force for P001', async () => {
    const shared = await publish('两个项目的装修押金说明', 'consultation.life_convenience', ['P001', 'P002'], { reviewBy: '2026-03-31' });
    await overdueLoop.fireDue(new Date());
    expect((await callAs(k.app, agent, 'PATCH', `/v1/answers/${shared}`, { projects: ['P002'] })).status).toBe(200);
    const p001Supervisor: Caller = { role: 'supervisor', sub: 'sup-p001', projects: ['P001'] };
    const open = await callAs(k.app, p001Supervisor, 'GET', '/v1/change-notices/reviews?overdue=true');
    expect((open.body['items'] as { answerId: string }[]).map((r) => r.answerId)).toContain(shared);
  });

  it('through REST: a liaison files a notice; a P002 liaison cannot file for P001 nor see P001’s notices', async () => {
    const filed = await callAs(k.app, liaison, 'POST', '/v1/change-notices', { department: 'engineering', kind: 'policies', title: '电梯维保单位更换', description: '新维保单位电话见公告', itemCodes: ['repair.public_area'], projects: ['P001'] });
    expect(filed.status).toBe(201);
    expect((filed.body['reviews'] as { answerId: string }[]).map((r) => r.answerId)).toEqual([lift]);
    expect(Date.parse(String(filed.body['dueAt']))).toBeGreaterThan(Date.now());
    const foreign = await callAs(k.app, p002Liaison, 'POST', '/v1/change-notices', { department: 'engineering', kind: 'policies', title: 'x', description: 'y', itemCodes: ['repair.public_area'], projects: ['P001'] });
    expect(foreign.status).toBe(403);
    expect((await callAs(k.app, p002Liaison, 'GET', `/v1/change-notices/${String(filed.body['id'])}`)).status).toBe(404);
    const bad = await callAs(k.app, liaison, 'POST', '/v1/change-notices', { department: 'engineering', kind: 'rumours', title: 'x', description: 'y', itemCodes: [] });
    expect(bad.status).toBe(400);
    expect(((bad.body['errors'] as { field: string }[]) ?? []).map((e) => e.field)).toEqual(expect.arrayContaining(['kind', 'itemCodes']));
    expect((await callAs(k.app, agent, 'POST', '/v1/change-notices', { department: 'a', kind: 'fees', title: 'x', description: 'y', itemCodes: ['repair.public_area'] })).status).toBe(403);
  });

  it('given a department holding a phone number, then the notice is 422 CHANGE_NOTICE.PERSONAL_DATA naming department and nothing is stored', async () => {
    const notices = async () => ((await k.db.dataSource.query(`SELECT count(*)::int AS n FROM ${k.db.schema}.change_notices`)) as { n: number }[])[0]?.n;
    const before = await notices();
    const refused = await callAs(k.app, liaison, 'POST', '/v1/change-notices', { department: '13812345678', kind: 'fees', title: '物业费调整', description: '2027年起调整', itemCodes: ['repair.public_area'] });
    expect([refused.status, refused.body['code'], ((refused.body['errors'] as { field: string }[]) ?? []).map((e) => e.field)]).toEqual([422, 'CHANGE_NOTICE.PERSONAL_DATA', ['department']]);
    expect(await notices()).toBe(before);
  });
});

describe('a change notice whose business calendar changes', () => {
  it('has its deadline, and those of its waiting reviews, counted again; one whose reviews were announced overdue keeps its own', async () => {
    // Monday 1 March 2027, 10:00 in Shanghai: three working days to the close of Thursday the 4th.
    const notice = await liftNotice('电梯年检', '年检期间停运', new Date('2027-03-01T02:00:00.000Z'));
    expect(notice.dueAt.toISOString()).toBe('2027-03-04T09:30:00.000Z');
    const before = await callAs(k.app, supervisor, 'GET', '/v1/change-notices');
    const national = (before.body['items'] as { id: string; filedAt: string; dueAt: string }[]).find((n) => n.filedAt === '2026-09-30T02:00:00.000Z');
    expect(national?.dueAt).toBe('2026-10-10T09:30:00.000Z');

    // The company closes on Wednesday 3 March 2027, and (after the fact) on 8 October 2026.
    const closed = { ...CHINA_2026, holidays: [...CHINA_2026.holidays, { date: '2027-03-03', name: '停电停工' }, { date: '2026-10-08', name: '停电停工' }] };
    await publishCalendar(2, closed);
    await overdueLoop.fireDue(new Date('2027-03-01T03:00:00.000Z'));

    const moved = await callAs(k.app, supervisor, 'GET', `/v1/change-notices/${notice.id}`);
    expect(moved.body['dueAt']).toBe('2027-03-05T09:30:00.000Z');
    expect((moved.body['reviews'] as { dueAt: string }[]).map((r) => r.dueAt)).toEqual(['2027-03-05T09:30:00.000Z']);
    // National Day's notice had its reviews announced overdue: its deadline is history.
    const kept = await callAs(k.app, supervisor, 'GET', `/v1/change-notices/${national!.id}`);
    expect(kept.body['dueAt']).toBe('2026-10-10T09:30:00.000Z');
    const versionOf = async (id: string) =>
      ((await k.db.dataSource.query(`SELECT due_calendar_version AS v FROM ${k.db.schema}.change_notices WHERE id = $1`, [id])) as { v: number }[])[0]?.v;
    // Counted by version 2; the one with nothing waiting is not counted again at all.
    expect([await versionOf(notice.id), await versionOf(national!.id)]).toEqual([2, 1]);
  });

  it('is never announced overdue on its old deadline while another replica is still counting it', async () => {
    // Monday 5 April 2027: due the close of Thursday the 8th by version 2.
    const notice = await liftNotice('电梯更换', '更换期间停运', new Date('2027-04-05T02:00:00.000Z'));
    expect(notice.dueAt.toISOString()).toBe('2027-04-08T09:30:00.000Z');
    const closed = { ...CHINA_2026, holidays: [...CHINA_2026.holidays, { date: '2027-03-03', name: '停电停工' }, { date: '2026-10-08', name: '停电停工' }, { date: '2027-04-07', name: '停电停工' }] };
    await publishCalendar(3, closed);
    const announced = async () =>
      ((await k.db.dataSource.query(`SELECT payload FROM ${k.db.schema}.outbox WHERE event_type = 'knowledge.review.overdue.v1'`)) as { payload: string }[]).filter((e) =>
        e.payload.includes(notice.id),
      ).length;
    // 18:00 on the 8th: past the old deadline, before the new one (the close of the 9th).
    const evening = new Date('2027-04-08T10:00:00.000Z');
    const holder = k.db.dataSource.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT 1 FROM ${k.db.schema}.change_notices WHERE id = $1 FOR UPDATE`, [notice.id]);
      await overdueLoop.fireDue(evening);
      expect(await announced()).toBe(0);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    await overdueLoop.fireDue(evening);
    expect(await announced()).toBe(0);
    const view = await callAs(k.app, supervisor, 'GET', `/v1/change-notices/${notice.id}`);
    expect([view.body['dueAt'], (view.body['reviews'] as { dueAt: string }[]).map((r) => r.dueAt)]).toEqual(['2027-04-09T09:30:00.000Z', ['2027-04-09T09:30:00.000Z']]);
  });

  it('keeps a deadline a new calendar version cannot count, and still announces what is overdue', async () => {
    const waiting = (await k.db.dataSource.query(
      `SELECT DISTINCT n.id, n.due_at FROM ${k.db.schema}.change_notices n JOIN ${k.db.schema}.answer_reviews a ON a.notice_id = n.id
        WHERE a.resolved_at IS NULL AND a.overdue_emitted_at IS NULL`,
    )) as { id: string; due_at: Date }[];
    expect(waiting.length).toBeGreaterThan(0);
    const empty = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] };
    await publishCalendar(4, empty);
    // Past every waiting deadline (notices filed today are due days from now, whatever today is):
    // they are counted (kept) and then announced.
    const past = new Date(Math.max(Date.parse('2027-06-01T00:00:00.000Z'), ...waiting.map((n) => n.due_at.getTime() + 1)));
    expect(await overdueLoop.fireDue(past)).toBeGreaterThanOrEqual(waiting.length);
    for (const n of waiting) {
      const [row] = (await k.db.dataSource.query(`SELECT due_at, due_calendar_version AS v FROM ${k.db.schema}.change_notices WHERE id = $1`, [n.id])) as { due_at: Date; v: number }[];
      expect([row?.due_at, row?.v]).toEqual([n.due_at, 4]);
    }
  });

  it('filed while the calendar has no working time to count its deadline in, is 422 CALENDAR.NO_WORKING_TIME and nothing is stored, not a 500', async () => {
    const empty = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] };
    await publishCalendar(5, empty);
    const notices = async () => ((await k.db.dataSource.query(`SELECT count(*)::int AS n FROM ${k.db.schema}.change_notices`)) as { n: number }[])[0]?.n;
    const before = await notices();
    const refused = await callAs(k.app, liaison, 'POST', '/v1/change-notices', { department: 'finance', kind: 'fees', title: '物业费调整', description: '2027年起调整', itemCodes: ['repair.public_area'] });
    expect([refused.status, refused.body['code']]).toEqual([422, 'CALENDAR.NO_WORKING_TIME']);
    expect(await notices()).toBe(before);
  });
});
