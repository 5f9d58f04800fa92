import { loadServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { DueWorkPostponementRepository, isDependencyFailure } from '@cs/platform';
import { ThrowawaySchema, rejectionOf, throwawaySchema } from '@cs/testing';
import { dueWorkFailures } from '../testing/due-work';
import { CHINA_2026 } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
import { CalendarStore } from '../infrastructure/calendar-store';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { TicketScheduleRepository } from '../infrastructure/ticket-schedule.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { ManageTicketSchedules, ScheduleRequest } from './manage-ticket-schedules';
import { OpenScheduledTickets } from './open-scheduled-tickets';

let db: ThrowawaySchema;
let manage: ManageTicketSchedules;
/** The replicas' calendar cache: a change made through it reaches them at once. */
let calendarStore: CalendarStore;
const tickets = new TicketRepository();
const schedules = new TicketScheduleRepository();
const replicas: OpenScheduledTickets[] = [];

/** Every Thursday 09:00 from the National Day week, dispatched to engineering. */
const weeklyInspection = (change: Partial<ScheduleRequest> = {}): ScheduleRequest => ({
  name: '3栋消防设施周检',
  projectCode: 'P001',
  itemCode: 'repair.public_area',
  building: '3',
  department: 'engineering',
  priority: 'normal',
  recurrence: { every: 'week', interval: 1, weekdays: [4] },
  timeOfDay: '09:00',
  calendarId: 'china-2026',
  onNonWorkingDay: 'next_working_day',
  startsOn: '2026-10-01',
  endsOn: '2026-10-31',
  ...change,
});
const created = new Date('2026-09-30T02:00:00Z');

beforeAll(async () => {
  db = await throwawaySchema('tickets_schedules', MIGRATIONS);
  const { calendars, policies, run, opening } = ticketServices(db);
  calendarStore = calendars;
  await calendars.put('china-2026', CHINA_2026, undefined, 'admin-1');
  const config = loadServiceConfig('tickets', { NODE_ENV: 'test' });
  manage = new ManageTicketSchedules(db.dataSource, schedules, new CatalogueRepository(), calendars);
  // Two replicas of the service, each with its own loop.
  for (let i = 0; i < 2; i += 1) {
    replicas.push(new OpenScheduledTickets(db.dataSource, schedules, tickets, policies, opening, run, calendars, dueWorkFailures(db.dataSource), createLogger('tickets', 'silent'), config));
  }
});

afterAll(async () => {
  await db?.drop();
});

const ticketsOf = async (scheduleId: string) =>
  (await db.dataSource.query(`SELECT ticket_id::text AS id FROM ${db.schema}.ticket_schedule_occurrences WHERE schedule_id = $1 ORDER BY occurrence_on`, [scheduleId])) as { id: string }[];
const outboxTypes = async (ticketId: string) =>
  ((await db.dataSource.query(`SELECT event_type FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [ticketId])) as { event_type: string }[]).map((r) => r.event_type);

describe('a weekly inspection (周期工单)', () => {
  it('given its Thursday is a holiday, when the loop runs, then the ticket opens on the next working day, dispatched to the department, once', async () => {
    const schedule = await manage.create(weeklyInspection(), ['P001'], 'sup-1', created);
    expect(schedule.next).toEqual({ occurrenceOn: '2026-10-01', opensOn: '2026-10-08', opensAt: new Date('2026-10-08T01:00:00Z') });

    expect(await replicas[0]!.openDue(new Date('2026-10-07T12:00:00Z'))).toBe(0);
    await replicas[0]!.openDue(new Date('2026-10-08T01:00:00Z'));
    await replicas[1]!.openDue(new Date('2026-10-08T01:00:00Z'));

    const [opened] = await ticketsOf(schedule.schedule.id);
    expect(await ticketsOf(schedule.schedule.id)).toHaveLength(1);
    const ticket = (await tickets.find(db.dataSource.manager, opened!.id))!;
    expect(ticket).toMatchObject({
      channel: 'schedule',
      customerId: schedule.schedule.id,
      customerName: '3栋消防设施周检',
      status: 'dispatched',
      department: 'engineering',
      ownerId: 'sup-1',
      unit: { projectCode: 'P001', building: '3' },
      origin: { kind: 'schedule', scheduleId: schedule.schedule.id, occurrenceOn: '2026-10-01' },
      occurredAt: new Date('2026-10-08T01:00:00Z'),
    });
    expect((await tickets.history(db.dataSource.manager, ticket.id)).map((h) => [h.action, h.actor])).toEqual([
      ['created', 'sup-1'],
      ['dispatch', 'system'],
    ]);
    expect(await outboxTypes(ticket.id)).toEqual(['ticket.created.v1', 'ticket.dispatched.v1']);

    // The moved occurrence took 10-08, the week's own Thursday: the next is 10-15.
    expect((await manage.get(schedule.schedule.id, ['P001'])).next).toMatchObject({ occurrenceOn: '2026-10-15', opensOn: '2026-10-15' });
  });

  it('given two replicas catching up three missed weeks at once, then each occurrence opens exactly one ticket', async () => {
    const schedule = await manage.create(weeklyInspection({ name: '地下车库周检', startsOn: '2026-10-12', recurrence: { every: 'week', interval: 1, weekdays: [1] } }), undefined, 'sup-1', created);
    const late = new Date('2026-10-27T00:00:00Z');
    await Promise.all([replicas[0]!.openDue(late), replicas[1]!.openDue(late), replicas[0]!.openDue(late)]);
    const opened = await ticketsOf(schedule.schedule.id);
    expect(opened).toHaveLength(3);
    expect(new Set(opened.map((o) => o.id)).size).toBe(3);
    expect((await manage.get(schedule.schedule.id, undefined)).recent.map((o) => o.occurrenceOn)).toEqual(['2026-10-26', '2026-10-19', '2026-10-12']);
  });
});

describe('a schedule whose calendar changed after its next occurrence was planned', () => {
  const yard = (holidays: { date: string; name: string }[]) => ({ ...CHINA_2026, holidays: [...CHINA_2026.holidays, ...holidays] });

  it('given its next opening day became a holiday (a typhoon), when due at the old time, then nothing opens and it opens on the next working day', async () => {
    const calendars = calendarStore;
    await calendars.put('yard-2026', yard([]), undefined, 'admin-1');
    const schedule = await manage.create(weeklyInspection({ name: '堆场周检', calendarId: 'yard-2026', startsOn: '2026-11-05', endsOn: '2026-11-30' }), undefined, 'sup-1', created);
    expect(schedule.next).toEqual({ occurrenceOn: '2026-11-05', opensOn: '2026-11-05', opensAt: new Date('2026-11-05T01:00:00Z') });
    await calendars.put('yard-2026', yard([{ date: '2026-11-05', name: '台风停工' }]), undefined, 'admin-1');

    // The loop also catches up the other schedules of this file; only this one's tickets are looked at.
    await replicas[0]!.openDue(new Date('2026-11-05T01:00:00Z'));
    expect(await ticketsOf(schedule.schedule.id)).toEqual([]);
    expect((await manage.get(schedule.schedule.id, undefined)).next).toEqual({ occurrenceOn: '2026-11-05', opensOn: '2026-11-06', opensAt: new Date('2026-11-06T01:00:00Z') });

    await replicas[1]!.openDue(new Date('2026-11-06T01:00:00Z'));
    const [opened, ...more] = await ticketsOf(schedule.schedule.id);
    expect(more).toEqual([]);
    expect(await tickets.find(db.dataSource.manager, opened!.id)).toMatchObject({ occurredAt: new Date('2026-11-06T01:00:00Z'), origin: { occurrenceOn: '2026-11-05' } });
    expect((await manage.get(schedule.schedule.id, undefined)).next).toMatchObject({ occurrenceOn: '2026-11-12', opensOn: '2026-11-12' });
  });

  it('given a skipped day that became a working day (a 调休 published), when the occurrence planned after it comes due, then the earlier one opens first, late', async () => {
    const calendars = calendarStore;
    const stocktake = { date: '2026-11-14', name: '盘点调休' };
    await calendars.put('depot-2026', { ...CHINA_2026, workingDays: [...CHINA_2026.workingDays, stocktake] }, undefined, 'admin-1');
    // Saturdays, skipped when they do not work: 11-07 does not, so 11-14 is planned.
    const saturdays = weeklyInspection({ name: '仓库周六盘点', calendarId: 'depot-2026', recurrence: { every: 'week', interval: 1, weekdays: [6] }, onNonWorkingDay: 'skip', startsOn: '2026-11-07', endsOn: '2026-11-20' });
    const schedule = await manage.create(saturdays, undefined, 'sup-1', created);
    expect(schedule.next).toMatchObject({ occurrenceOn: '2026-11-14' });
    await calendars.put('depot-2026', { ...CHINA_2026, workingDays: [...CHINA_2026.workingDays, { date: '2026-11-07', name: '盘点调休' }, stocktake] }, undefined, 'admin-1');

    await replicas[0]!.openDue(new Date('2026-11-14T01:00:00Z'));
    expect((await manage.get(schedule.schedule.id, undefined)).recent.map((o) => [o.occurrenceOn, o.opensOn])).toEqual([
      ['2026-11-14', '2026-11-14'],
      ['2026-11-07', '2026-11-07'],
    ]);
  });
});

describe('managing schedules within one’s projects', () => {
  it('given a project the supervisor does not serve, when they make a schedule for it, then it is refused naming projectCode', async () => {
    expect(await rejectionOf(manage.create(weeklyInspection({ projectCode: 'P009' }), ['P001'], 'sup-1', created), DomainError)).toMatchObject({
      code: 'TICKET_SCHEDULE.PROJECT_NOT_SERVED',
      field: 'projectCode',
    });
  });

  it('given another project’s schedule, when read, changed or deleted, then it does not exist', async () => {
    const schedule = await manage.create(weeklyInspection({ projectCode: 'P002' }), undefined, 'sup-1', created);
    const id = schedule.schedule.id;
    const attempts = [
      () => manage.get(id, ['P001']),
      () => manage.replace(id, { ...weeklyInspection({ projectCode: 'P002' }), active: true }, ['P001'], 'sup-1'),
      () => manage.delete(id, ['P001']),
    ];
    for (const attempt of attempts) expect(await rejectionOf(attempt(), DomainError)).toMatchObject({ code: 'TICKET_SCHEDULE.NOT_FOUND' });
  });

  it('given a schedule, when replaced at a stale version it is 412; paused, it has no next occurrence; deleted, it is gone', async () => {
    const schedule = await manage.create(weeklyInspection(), ['P001'], 'sup-1', created);
    const id = schedule.schedule.id;
    expect(await rejectionOf(manage.replace(id, { ...weeklyInspection(), active: true }, ['P001'], 'sup-2', 9), DomainError)).toMatchObject({
      code: 'TICKET_SCHEDULE.VERSION_CONFLICT',
      field: 'If-Match',
      details: { currentVersion: 1 },
    });
    expect(await rejectionOf(manage.delete(id, ['P001'], 9), DomainError)).toMatchObject({ code: 'TICKET_SCHEDULE.VERSION_CONFLICT', field: 'If-Match' });
    const paused = await manage.replace(id, { ...weeklyInspection({ department: 'security' }), active: false }, ['P001'], 'sup-2', 1);
    expect(paused).toMatchObject({ active: false, version: 2, schedule: { department: 'security', ownerId: 'sup-2' } });
    expect(paused.next).toBeUndefined();
    await manage.delete(id, ['P001'], 2);
    expect(await rejectionOf(manage.get(id, ['P001']), DomainError)).toMatchObject({ code: 'TICKET_SCHEDULE.NOT_FOUND' });
  });

  it('given a building holding a phone number, then the schedule is refused naming building', async () => {
    expect(await rejectionOf(manage.create(weeklyInspection({ building: '3栋 13812345678' }), ['P001'], 'sup-1', created), DomainError)).toMatchObject({
      code: 'TICKET_SCHEDULE.PERSONAL_DATA',
      field: 'building',
    });
  });

  it('given a department holding a phone number, an e-mail address or an ID number, then the schedule is refused naming department, made or replaced, and nothing is stored', async () => {
    for (const department of ['工程部13812345678', 'li.lei@example.com', '11010519491231002X']) {
      expect(await rejectionOf(manage.create(weeklyInspection({ name: `带个人信息的部门 ${department}`, department }), ['P001'], 'sup-1', created), DomainError)).toMatchObject({
        code: 'TICKET_SCHEDULE.PERSONAL_DATA',
        field: 'department',
      });
    }
    expect((await manage.list(['P001'])).filter((s) => s.schedule.name.startsWith('带个人信息的部门'))).toEqual([]);
    const { schedule } = await manage.create(weeklyInspection({ name: '部门检查' }), ['P001'], 'sup-1', created);
    const replaced = manage.replace(schedule.id, { ...weeklyInspection({ name: '部门检查', department: '工程部13812345678' }), active: true }, ['P001'], 'sup-1', 1);
    expect(await rejectionOf(replaced, DomainError)).toMatchObject({ code: 'TICKET_SCHEDULE.PERSONAL_DATA', field: 'department' });
    expect(await manage.get(schedule.id, ['P001'])).toMatchObject({ version: 1, schedule: { department: weeklyInspection().department } });
  });

  it('given a daily schedule paused for five weeks, when started again, then what it missed is not opened: the next occurrence is the first still to come', async () => {
    const daily = weeklyInspection({ name: '2栋日巡', startsOn: '2026-10-12', endsOn: '2026-12-31', recurrence: { every: 'day', interval: 1 }, onNonWorkingDay: 'skip' });
    const { schedule } = await manage.create(daily, ['P001'], 'sup-1', created);
    await replicas[0]!.openDue(new Date('2026-10-12T01:00:00Z'));
    expect(await ticketsOf(schedule.id)).toHaveLength(1);
    await manage.replace(schedule.id, { ...daily, active: false }, ['P001'], 'sup-1', undefined, new Date('2026-10-12T02:00:00Z'));
    // Friday 20 November, 10:00 in Shanghai: that day's 09:00 has gone, Monday 23rd's is next.
    const resumedAt = new Date('2026-11-20T02:00:00Z');
    const resumed = await manage.replace(schedule.id, { ...daily, active: true }, ['P001'], 'sup-1', undefined, resumedAt);
    expect(resumed.next).toMatchObject({ occurrenceOn: '2026-11-23', opensAt: new Date('2026-11-23T01:00:00Z') });
    await replicas[0]!.openDue(resumedAt);
    expect(await ticketsOf(schedule.id)).toHaveLength(1);
    // A change while it runs still goes on from where it got.
    const edited = await manage.replace(schedule.id, { ...daily, department: 'security', active: true }, ['P001'], 'sup-1', undefined, resumedAt);
    expect(edited.next).toMatchObject({ occurrenceOn: '2026-11-23' });
    await replicas[0]!.openDue(new Date('2026-11-23T01:00:00Z'));
    expect((await manage.get(schedule.id, ['P001'])).recent.map((o) => o.occurrenceOn)).toEqual(['2026-11-23', '2026-10-12']);
  });

  it('given a schedule whose start is moved back past the bound a new one has, then the change is refused naming startsOn; its own old start stays as it is', async () => {
    const { schedule } = await manage.create(weeklyInspection({ name: '消防通道月检' }), ['P001'], 'sup-1', created);
    const later = new Date(created.getTime() + 200 * 86_400_000);
    // Its start, now over 92 days back, kept as it was: a change of something else goes through.
    expect((await manage.replace(schedule.id, { ...weeklyInspection({ name: '消防通道月检（含楼梯间）' }), active: true }, ['P001'], 'sup-1', undefined, later)).version).toBe(2);
    const movedBack = manage.replace(schedule.id, { ...weeklyInspection({ startsOn: '2025-01-01' }), active: true }, ['P001'], 'sup-1', undefined, later);
    expect(await rejectionOf(movedBack, DomainError)).toMatchObject({ code: 'TICKET_SCHEDULE.INVALID', field: 'startsOn' });
  });

  it.each([
    ['an unknown item', { itemCode: 'repair.spaceship' }, 'TICKET_SCHEDULE.UNKNOWN_ITEM', 'itemCode'],
    ['an unknown calendar', { calendarId: 'mars' }, 'TICKET_SCHEDULE.UNKNOWN_CALENDAR', 'calendarId'],
    ['a start long past', { startsOn: '2026-01-01' }, 'TICKET_SCHEDULE.INVALID', 'startsOn'],
  ])('given %s, when a schedule is made, then it is refused naming the field', async (_case, change, code, field) => {
    expect(await rejectionOf(manage.create(weeklyInspection(change), ['P001'], 'sup-1', created), DomainError)).toMatchObject({ code, field });
  });

  it('given Postgres lost while the calendar is read, when a schedule is made, then the failure is the lost dependency (503), not an unknown calendar', async () => {
    // pg's words when the server goes away mid-statement.
    const lost = new Error('Connection terminated unexpectedly');
    const withoutPostgres = new ManageTicketSchedules(db.dataSource, schedules, new CatalogueRepository(), { get: () => Promise.reject(lost), catchUp: () => Promise.reject(lost) });
    const refused = await rejectionOf(withoutPostgres.create(weeklyInspection(), ['P001'], 'sup-1', created), Error);
    expect(refused).not.toBeInstanceOf(DomainError);
    expect(isDependencyFailure(refused)).toBe(true);
  });
});

describe('a schedule that cannot open its occurrence', () => {
  it('given one whose calendar can no longer be read falls due first, when the loop runs, then it is held back and the schedules due after it still open', async () => {
    await calendarStore.put('quarry-2026', CHINA_2026, undefined, 'admin-1');
    const broken = await manage.create(weeklyInspection({ name: '采石场周检', calendarId: 'quarry-2026', startsOn: '2026-12-03', endsOn: '2026-12-31' }), undefined, 'sup-1', created);
    const sound = await manage.create(
      weeklyInspection({ name: '水泵房周检', recurrence: { every: 'week', interval: 1, weekdays: [5] }, startsOn: '2026-12-04', endsOn: '2026-12-31' }),
      undefined,
      'sup-1',
      created,
    );
    // Stored by a release that took what this one refuses to read (the 9th working interval of a day, say).
    await db.dataSource.query(`UPDATE ${db.schema}.business_calendars SET document = '{}'::jsonb, version = version + 1 WHERE id = 'quarry-2026'`);
    const { calendars, policies, run, opening } = ticketServices(db);
    const config = loadServiceConfig('tickets', { NODE_ENV: 'test' });
    const replica = new OpenScheduledTickets(db.dataSource, schedules, tickets, policies, opening, run, calendars, dueWorkFailures(db.dataSource), createLogger('tickets', 'silent'), config);

    const friday = new Date('2026-12-04T01:00:00Z');
    // The other schedules of this file catch up too, at most a batch of them per pass.
    for (let pass = 0; pass < 5; pass += 1) await replica.openDue(friday);

    expect(await ticketsOf(sound.schedule.id)).toHaveLength(1);
    expect(await ticketsOf(broken.schedule.id)).toEqual([]);
    expect(await new DueWorkPostponementRepository().find(db.dataSource.manager, 'ticket_schedules', broken.schedule.id)).toMatchObject({ failures: 1 });
    await manage.delete(broken.schedule.id, undefined);
  });
});
