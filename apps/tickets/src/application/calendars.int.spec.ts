import { OFFICE_WEEK, addWorkingDays, addWorkingHours, addWorkingMinutes, isWorkingDay, toCalendarDocument } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';

import type { DataSource } from 'typeorm';
import { ThrowawaySchema, eventually, rejectionOf, testDataSource, throwawaySchema, waitingForThePoolAtMost } from '@cs/testing';
import { CALENDAR_CACHE_FRESH_MS, CalendarStore, OfficialDaysUnusableError } from '../infrastructure/calendar-store';
import { describeRefresh, refreshNeedsAttention } from '../infrastructure/official-holidays/refresh-official-calendar';
import { mainlandChinaOfficialDays } from '../infrastructure/official-holidays/mainland-china';
import { MIGRATIONS } from '../infrastructure/migrations';
import { CHINA_2026 } from '../testing/fixtures';
import { BusinessCalendars } from './business-calendars';


/** Shanghai wall-clock time as an instant. */
const cst = (local: string): Date => new Date(`${local}+08:00`);

let db: ThrowawaySchema;
let store: CalendarStore;
let calendars: BusinessCalendars;

beforeAll(async () => {
  db = await throwawaySchema('tickets_calendars', MIGRATIONS);
  store = new CalendarStore(db.dataSource);
  calendars = new BusinessCalendars(store);
  await store.put('china-2026', CHINA_2026, undefined, 'admin-1');
});

afterAll(async () => {
  await db?.drop();
});

/** A second replica whose clock the test moves, to see when it notices a change made elsewhere. */
class ReplicaStore extends CalendarStore {
  clock = Date.UTC(2026, 9, 9);

  protected override now(): number {
    return this.clock;
  }
}

const refusal = (attempt: Promise<unknown>): Promise<DomainError> => rejectionOf(attempt, DomainError);

async function storedRow(id: string): Promise<{ document: unknown; version: number; updated_by: string } | undefined> {
  const [row] = (await db.dataSource.query(`SELECT document, version, updated_by FROM ${db.schema}.business_calendars WHERE id = $1`, [id])) as {
    document: unknown;
    version: number;
    updated_by: string;
  }[];
  return row;
}

/** As a fresh install is before its first refresh. */
async function withoutOfficialDays(): Promise<void> {
  await db.dataSource.query(`DELETE FROM ${db.schema}.official_calendar_days`);
}

describe('the default calendar', () => {
  it('given a fresh schema, when read, then it is Monday to Friday 08:30–12:00 and 13:30–17:30 in Shanghai, with no holidays, at version 1', async () => {
    const view = await calendars.read('default');
    expect(view).toEqual({
      id: 'default',
      version: 1,
      timezone: 'Asia/Shanghai',
      workingHours: OFFICE_WEEK,
      holidays: [],
      workingDays: [],
    });
  });

  it('given a matter received Friday 10:00, when 1 working day is added, then it is due Monday 17:30', async () => {
    const calendar = await store.get('default');
    expect(addWorkingDays(calendar, cst('2026-09-11T10:00:00'), 1)).toEqual(cst('2026-09-14T17:30:00'));
  });

  it('given 17:25 on a Friday, when 30 working minutes are added, then it is due 08:55 on Monday morning', async () => {
    const calendar = await store.get('default');
    expect(addWorkingMinutes(calendar, cst('2026-09-11T17:25:00'), 30)).toEqual(cst('2026-09-14T08:55:00'));
  });
});

describe('deadlines by a calendar with a holiday week and 调休 days', () => {
  it.each([
    { received: '2026-09-11T10:00:00', label: 'Friday 09-11 10:00', n: 1, due: '2026-09-14T17:30:00' },
    { received: '2026-09-12T10:00:00', label: 'Saturday 09-12 10:00 (not counted)', n: 1, due: '2026-09-14T17:30:00' },
    { received: '2026-09-26T10:00:00', label: 'Saturday 09-26 10:00, before the 调休 Sunday', n: 1, due: '2026-09-27T17:30:00' },
    { received: '2026-09-30T10:00:00', label: 'Wednesday 09-30 10:00, eve of 国庆', n: 1, due: '2026-10-08T17:30:00' },
    { received: '2026-09-30T10:00:00', label: 'Wednesday 09-30 10:00, eve of 国庆', n: 2, due: '2026-10-09T17:30:00' },
    { received: '2026-09-30T10:00:00', label: 'Wednesday 09-30 10:00, eve of 国庆', n: 3, due: '2026-10-10T17:30:00' },
    { received: '2026-10-09T10:00:00', label: 'Friday 10-09 10:00, before the 调休 Saturday', n: 1, due: '2026-10-10T17:30:00' },
    { received: '2026-10-10T10:00:00', label: 'Saturday 10-10 10:00, a 调休 day, same day', n: 0, due: '2026-10-10T17:30:00' },
    { received: '2026-10-10T18:00:00', label: 'Saturday 10-10 18:00, a 调休 day after closing, same day', n: 0, due: '2026-10-12T17:30:00' },
    { received: '2026-10-01T09:00:00', label: 'Thursday 10-01, a holiday, same day', n: 0, due: '2026-10-08T17:30:00' },
  ])('given a matter received $label, when $n working day(s) are added, then it is due $due', async ({ received, n, due }) => {
    const calendar = await store.get('china-2026');
    expect(addWorkingDays(calendar, cst(received), n)).toEqual(cst(due));
  });

  it('given 17:25 on the eve of the holiday week, when 30 working minutes are added, then it is due 08:55 the first morning after it', async () => {
    const calendar = await store.get('china-2026');
    expect(addWorkingMinutes(calendar, cst('2026-09-30T17:25:00'), 30)).toEqual(cst('2026-10-08T08:55:00'));
  });

  it('given 17:25 on the Friday before the 调休 Saturday, when 30 working minutes are added, then it is due 08:55 that Saturday', async () => {
    const calendar = await store.get('china-2026');
    expect(addWorkingMinutes(calendar, cst('2026-10-09T17:25:00'), 30)).toEqual(cst('2026-10-10T08:55:00'));
  });

  it('given 16:30 on the eve of the holiday week, when 8 working hours are added, then 1 h runs that day and 7 h after the week (3.5 + 3.5)', async () => {
    const calendar = await store.get('china-2026');
    expect(addWorkingHours(calendar, cst('2026-09-30T16:30:00'), 8)).toEqual(cst('2026-10-08T17:00:00'));
  });

  it('given the use case, when a due date is asked for, then it comes as the instant and as Shanghai time with +08:00', async () => {
    const due = await calendars.due({ calendarId: 'china-2026', from: cst('2026-09-30T10:00:00'), amount: { unit: 'workingDays', value: 2 } });
    expect(due).toEqual({ at: cst('2026-10-09T17:30:00'), local: '2026-10-09T17:30:00+08:00' });
  });
});

describe('storing calendars', () => {
  it('given a new id, when put, then it is created at version 1, stored normalised, and extra fields are not kept', async () => {
    const put = await store.put('project-p001', { ...CHINA_2026, source: 'HR system export', holidays: undefined }, undefined, 'admin-1');
    expect(put).toMatchObject({ version: 1, created: true });
    const row = await storedRow('project-p001');
    expect(row).toMatchObject({ version: 1, updated_by: 'admin-1' });
    expect(row?.document).toEqual({ ...CHINA_2026, holidays: [] });
    expect(row?.document).toEqual(toCalendarDocument(put.calendar));
    expect(await store.getWithVersion('project-p001')).toEqual({ calendar: put.calendar, version: 1 });
  });

  it('given the current version, when a changed document is put, then the version moves on and a fresh store reads the change', async () => {
    const { version } = await store.getWithVersion('project-p001');
    const withHoliday = { ...CHINA_2026, holidays: [...CHINA_2026.holidays, { date: '2026-12-31', name: '公司年会' }] };
    const put = await store.put('project-p001', withHoliday, version, 'admin-2');
    expect(put).toMatchObject({ version: version + 1, created: false });
    expect((await store.getWithVersion('project-p001')).version).toBe(version + 1);
    const elsewhere = await new CalendarStore(db.dataSource).get('project-p001');
    expect(elsewhere.holidays.map((h) => h.date)).toContain('2026-12-31');
    expect(await storedRow('project-p001')).toMatchObject({ version: version + 1, updated_by: 'admin-2' });
  });

  it('given the document already stored, when put again, then nothing changes and the version stays', async () => {
    const { calendar, version } = await store.getWithVersion('project-p001');
    const put = await store.put('project-p001', toCalendarDocument(calendar), version, 'admin-3');
    expect(put).toMatchObject({ version, created: false });
    expect(await storedRow('project-p001')).toMatchObject({ version, updated_by: 'admin-2' });
  });

  it('given a stale version, when put, then it is refused as a failed precondition and nothing is written', async () => {
    const { version: seen } = await store.getWithVersion('china-2026');
    // Someone else saves first.
    await store.put('china-2026', { ...CHINA_2026, holidays: [...CHINA_2026.holidays, { date: '2026-10-08', name: '国庆节' }] }, seen, 'admin-2');
    await store.put('china-2026', CHINA_2026, seen + 1, 'admin-2');
    const before = await storedRow('china-2026');
    const error = await refusal(store.put('china-2026', { ...CHINA_2026, timezone: 'Asia/Urumqi' }, seen, 'admin-1'));
    expect(error).toMatchObject({ code: 'CALENDAR.VERSION_CONFLICT', kind: 'precondition_failed', field: 'If-Match' });
    expect(error.details).toMatchObject({ currentVersion: before!.version });
    expect(await storedRow('china-2026')).toEqual(before);
  });

  it('given an If-Match for a calendar that does not exist, when put, then it is refused and nothing is created', async () => {
    const error = await refusal(store.put('never-created', CHINA_2026, 1, 'admin-1'));
    expect(error).toMatchObject({ code: 'CALENDAR.VERSION_CONFLICT', kind: 'precondition_failed' });
    expect(await storedRow('never-created')).toBeUndefined();
  });

  it('given an invalid document, when put, then every problem is listed by its path and nothing is written', async () => {
    const before = await storedRow('china-2026');
    const broken = {
      timezone: '+08:00',
      workingHours: { ...CHINA_2026.workingHours, mon: [['08:30', '12:00'], ['25:00', '17:30']], xyz: [] },
      holidays: [{ date: '2026-02-29', name: '' }, ...CHINA_2026.holidays],
      workingDays: [{ date: '2026-10-01', name: '调休' }],
    };
    const error = await refusal(store.put('china-2026', broken, undefined, 'admin-1'));
    expect(error).toMatchObject({ code: 'CALENDAR.INVALID', kind: 'invalid' });
    const errors = (error.details as { errors: { field: string; message: string }[] }).errors;
    expect(errors.map((e) => e.field)).toEqual([
      'timezone',
      'workingHours.xyz',
      'workingHours.mon[1][0]',
      'holidays[0].date',
      'holidays[0].name',
      'workingDays[0].date',
    ]);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    expect(await storedRow('china-2026')).toEqual(before);
  });

  it('given a document in which no weekday has hours and no date is a 调休 day, when put, then it is refused naming workingHours and nothing is written', async () => {
    const before = await storedRow('china-2026');
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    for (const id of ['china-2026', 'never-open']) {
      const error = await refusal(store.put(id, { ...CHINA_2026, workingHours: closed, workingDays: [] }, undefined, 'admin-1'));
      expect(error).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: 'workingHours', details: { calendarId: id } });
    }
    expect(await storedRow('china-2026')).toEqual(before);
    expect(await storedRow('never-open')).toBeUndefined();
    // A 调休 day to come is working time: a calendar of listed dates only is taken.
    const listed = { timezone: 'Asia/Shanghai', workingHours: closed, workingDays: [{ date: `${new Date().getFullYear() + 1}-10-10`, name: '盘点', hours: [['09:00', '12:00']] }] };
    expect((await store.put('listed-days', listed, undefined, 'admin-1')).created).toBe(true);
  });

  it('given a document in which no weekday has hours and every 调休 day has passed, when put, then it is refused naming workingHours and nothing is written', async () => {
    const before = await storedRow('listed-days');
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const passed = { timezone: 'Asia/Shanghai', workingHours: closed, workingDays: [{ date: '2024-02-04', name: '春节调休', hours: [['09:00', '17:30']] }] };
    for (const id of ['listed-days', 'open-once']) {
      const error = await refusal(store.put(id, passed, undefined, 'admin-1'));
      expect(error).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field: 'workingHours', details: { calendarId: id } });
    }
    expect(await storedRow('listed-days')).toEqual(before);
    expect(await storedRow('open-once')).toBeUndefined();
  });

  it('given something that is not a document at all, when put, then the whole document is named', async () => {
    const error = await refusal(store.put('china-2026', ['not', 'a', 'calendar'], undefined, 'admin-1'));
    expect(error.details).toMatchObject({ errors: [{ field: '', message: 'must be an object (a calendar document)' }] });
  });

  it('given an id outside the pattern, when put, then it is refused naming id', async () => {
    for (const id of ['Default', '-leading-dash', 'with space', 'a'.repeat(64), '']) {
      const error = await refusal(store.put(id, CHINA_2026, undefined, 'admin-1'));
      expect(error).toMatchObject({ code: 'CALENDAR.INVALID_ID', kind: 'invalid', field: 'id' });
    }
    expect((await store.put('a'.repeat(63), CHINA_2026, undefined, 'admin-1')).created).toBe(true);
  });

  it('given an unknown or impossible id, when read, then it is not found, naming calendarId', async () => {
    for (const id of ['nowhere', 'Not An Id']) {
      const error = await refusal(store.get(id));
      expect(error).toMatchObject({ code: 'CALENDAR.NOT_FOUND', kind: 'not_found', field: 'calendarId', details: { calendarId: id } });
    }
  });

  it('given two PUTs creating the same new id at once, when both finish, then one created it and the other replaced it', async () => {
    const holidayOn = (date: string) => ({ ...CHINA_2026, holidays: [{ date, name: '厂休' }] });
    const outcomes = await Promise.all([
      store.put('created-twice', holidayOn('2026-11-02'), undefined, 'admin-1'),
      store.put('created-twice', holidayOn('2026-11-03'), undefined, 'admin-2'),
    ]);
    expect(outcomes.map((o) => o.created).sort()).toEqual([false, true]);
    expect(outcomes.map((o) => o.version).sort()).toEqual([1, 2]);
    expect((await storedRow('created-twice'))?.version).toBe(2);
  });

  it('given two edits of the same version at once, when saved, then one wins and the other is refused as stale', async () => {
    const { version } = await store.getWithVersion('china-2026');
    const rename = (name: string) =>
      store.put('china-2026', { ...CHINA_2026, workingDays: [{ ...CHINA_2026.workingDays[0]!, name }, CHINA_2026.workingDays[1]!] }, version, 'admin-1');
    const outcomes = await Promise.allSettled([rename('调休 A'), rename('调休 B')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason).toMatchObject({ code: 'CALENDAR.VERSION_CONFLICT' });
    expect((await storedRow('china-2026'))?.version).toBe(version + 1);
  });
});

describe('the calendar cache', () => {
  it('given a caller in a transaction, when it reads a calendar, then the read takes no second connection of the pool', async () => {
    const onePool = waitingForThePoolAtMost(await testDataSource({ schema: db.schema, poolSize: 1 }).initialize(), 1_000);
    try {
      const replica = new ReplicaStore(onePool);
      // The transaction holds the pool's only connection: a read on another would wait for it and fail.
      const read = await onePool.transaction(async (tx) => replica.getWithVersion('china-2026', tx));
      expect(read.calendar.timezone).toBe('Asia/Shanghai');
      await expect(onePool.transaction(async () => replica.get('default'))).rejects.toThrow();
    } finally {
      await onePool.destroy();
    }
  });

  it('given a change made through another replica, when read, then the cached calendar is used until it is CALENDAR_CACHE_FRESH_MS old, then the change shows', async () => {
    await store.put('replicated', CHINA_2026, undefined, 'admin-1');
    const replica = new ReplicaStore(db.dataSource);
    const first = await replica.getWithVersion('replicated');

    const changed = await store.put('replicated', { ...CHINA_2026, timezone: 'Asia/Urumqi' }, first.version, 'admin-1');
    replica.clock += CALENDAR_CACHE_FRESH_MS - 1;
    const cached = await replica.getWithVersion('replicated');
    expect(cached.version).toBe(first.version);
    expect(cached.calendar).toBe(first.calendar);
    replica.clock += 1;
    const fresh = await replica.getWithVersion('replicated');
    expect(fresh.version).toBe(changed.version);
    expect(fresh.calendar.timezone).toBe('Asia/Urumqi');
    expect(CALENDAR_CACHE_FRESH_MS).toBeLessThanOrEqual(5_000);
  });

  it('given a version check that finds nothing new, when read again, then the same parsed calendar object is reused', async () => {
    const replica = new ReplicaStore(db.dataSource);
    const first = await replica.get('default');
    replica.clock += CALENDAR_CACHE_FRESH_MS * 10;
    expect(await replica.get('default')).toBe(first);
  });

  it('given a PUT through the same store, when read at once, then the new version is served without waiting', async () => {
    const replica = new ReplicaStore(db.dataSource);
    const before = await replica.getWithVersion('replicated');
    const put = await replica.put('replicated', CHINA_2026, before.version, 'admin-1');
    const after = await replica.getWithVersion('replicated');
    expect(after.version).toBe(put.version);
    expect(after.calendar).toBe(put.calendar);
  });

  it('given a calendar seen in the cache, when its row is gone, then the next check reports it not found', async () => {
    await store.put('short-lived', CHINA_2026, undefined, 'admin-1');
    const replica = new ReplicaStore(db.dataSource);
    await replica.get('short-lived');
    await db.dataSource.query(`DELETE FROM ${db.schema}.business_calendars WHERE id = 'short-lived'`);
    replica.clock += CALENDAR_CACHE_FRESH_MS;
    expect(await refusal(replica.get('short-lived'))).toMatchObject({ code: 'CALENDAR.NOT_FOUND' });
  });
});

describe('the default calendar edited as shown (ADR 0017)', () => {
  const NATIONAL_DAY_2026 = { holidays: [{ date: '2026-10-01', name: '国庆节' }], workingDays: [{ date: '2026-10-10', name: '国庆节调休上班' }] };
  /** 2027 before the State Council publishes it: its statutory days alone. */
  const provisional = {
    holidays: [...NATIONAL_DAY_2026.holidays, { date: '2027-01-01', name: '元旦（法定假日，放假安排未发布）' }],
    workingDays: NATIONAL_DAY_2026.workingDays,
    years: [2026],
    provisionalYears: [2027],
    source: 'chinese-days@test-1',
  };
  /** The package upgraded: 2027's arrangement with its 调休 Saturday. */
  const published = {
    holidays: [...NATIONAL_DAY_2026.holidays, { date: '2027-01-01', name: '元旦' }],
    workingDays: [...NATIONAL_DAY_2026.workingDays, { date: '2027-01-09', name: '元旦调休上班' }],
    years: [2026, 2027],
    provisionalYears: [],
    source: 'chinese-days@test-2',
  };
  const companyDocument = async () =>
    ((await db.dataSource.query(`SELECT company_document FROM ${db.schema}.business_calendars WHERE id = 'default'`)) as { company_document: { holidays: { date: string }[] } }[])[0]!
      .company_document;

  // Each test starts from its 2027 provisional: statutory days read over an arrangement a test before stored would keep it.
  beforeEach(withoutOfficialDays);

  it('given the merged document read and put back with a typhoon day, when 2027 is published, then its 调休 Saturday is a working day: only the edited year became the company’s', async () => {
    await store.refreshOfficial(provisional, 'ops');
    const shown = await calendars.read('default');
    const { id: _id, version, ...document } = shown;
    // An editor keeps the list in date order, as it was shown.
    const holidays = [...document.holidays, { date: '2026-09-15', name: '台风停工' }].sort((a, b) => a.date.localeCompare(b.date));
    await store.put('default', { ...document, holidays }, version, 'admin-1');
    expect((await companyDocument()).holidays.map((d) => d.date)).toEqual(['2026-09-15', '2026-10-01']);
    // Put back again as shown, nothing moves.
    const again = await calendars.read('default');
    const { id: _again, version: current, ...unchanged } = again;
    expect((await store.put('default', unchanged, current, 'admin-1')).version).toBe(current);

    await store.refreshOfficial(published, 'ops');
    const calendar = await new CalendarStore(db.dataSource).get('default');
    expect(isWorkingDay(calendar, '2027-01-09')).toBe(true);
    expect(isWorkingDay(calendar, '2026-09-15')).toBe(false);
  });

  it('given a statutory year copied into the company’s document before such copies were left out, when the arrangement is published, then the year takes it', async () => {
    await store.refreshOfficial(provisional, 'ops');
    const frozen = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2027-01-01', name: '元旦（法定假日，放假安排未发布）' }], workingDays: [] };
    await db.dataSource.query(`UPDATE ${db.schema}.business_calendars SET company_document = $1::jsonb WHERE id = 'default'`, [JSON.stringify(frozen)]);
    await store.refreshOfficial(published, 'ops');
    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2027-01-09')).toBe(true);
    expect((await companyDocument()).holidays).toEqual([]);
  });

  it('given the default calendar stored before the limits of calendar.published, when the official days are refreshed, then they are kept for its correction, it is reported by its version, and the corrected document takes them', async () => {
    await store.refreshOfficial(provisional, 'ops');
    const nineIntervals = Array.from({ length: 9 }, (_, h) => [`1${h}:00`, `1${h}:30`]);
    const crowded = JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: { ...OFFICE_WEEK, mon: nineIntervals }, holidays: [], workingDays: [] });
    await db.dataSource.query(`UPDATE ${db.schema}.business_calendars SET company_document = $1::jsonb, document = $1::jsonb WHERE id = 'default'`, [crowded]);
    const { version } = (await storedRow('default'))!;

    const refresh = await store.refreshOfficial(published, 'ops');

    expect(refresh).toMatchObject({ officialChanged: true, calendars: [], needingCorrection: [{ id: 'default', version }] });
    expect((await storedRow('default'))!.version).toBe(version);
    const corrected = await store.put('default', { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] }, version, 'admin-1');
    expect(isWorkingDay(corrected.calendar, '2027-01-09')).toBe(true);
  });
});

describe('a refresh of the official days racing a PUT of the calendar that follows them', () => {
  const before = { holidays: [{ date: '2026-10-01', name: '国庆节' }], workingDays: [], years: [2026], provisionalYears: [], source: 'chinese-days@race-1' };
  /** The upgraded package: 2027's New Year's Day. */
  const after = { ...before, holidays: [...before.holidays, { date: '2027-01-01', name: '元旦' }], years: [2026, 2027], source: 'chinese-days@race-2' };
  const applicationName = `calendar-race-${process.pid}`;
  let racing: DataSource;

  beforeAll(async () => {
    racing = await testDataSource({ schema: db.schema, poolSize: 4, applicationName }).initialize();
  });

  afterAll(async () => {
    await racing?.destroy();
  });

  /** Statements of the refresh and the PUT (their own connections) waiting for a lock. */
  async function racersWaiting(): Promise<number> {
    const [row] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = $1`, [
      applicationName,
    ])) as { n: number }[];
    return row!.n;
  }

  /**
   * Holds the default calendar's row as a reference to it does, starts `first` and waits until it
   * waits, then `second`, and lets both go once both wait: the order the two reach their locks in
   * is the test's, not the scheduler's.
   */
  async function racedAtTheCalendar(first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<void> {
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT 1 FROM business_calendars WHERE id = 'default' FOR KEY SHARE`);
      const started = first();
      await eventually(async () => expect(await racersWaiting()).toBe(1));
      const then = second();
      await eventually(async () => expect(await racersWaiting()).toBe(2));
      await holder.rollbackTransaction();
      await Promise.all([started, then]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  }

  /** A company's own 2025 with a typhoon day: 2026 and 2027 are left to the official days. Each test's day differs, so its PUT changes the calendar. */
  const typhoonOn = (date: string) => ({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date, name: '台风停工' }], workingDays: [] });

  it('given a refresh that has replaced the official days and waits for the calendar, when a PUT without If-Match starts then, then the calendar it stores keeps the new official days', async () => {
    const refreshing = new CalendarStore(racing);
    const editing = new CalendarStore(racing);
    await refreshing.refreshOfficial(before, 'ops');
    const { id: _id, version: _version, ...shown } = await calendars.read('default');

    await racedAtTheCalendar(
      () => refreshing.refreshOfficial(after, 'ops'),
      () => editing.put('default', { ...shown, holidays: [...shown.holidays, { date: '2026-09-15', name: '台风停工' }] }, undefined, 'supervisor-1'),
    );

    const stored = await new CalendarStore(db.dataSource).get('default');
    expect(isWorkingDay(stored, '2026-09-15')).toBe(false);
    expect(isWorkingDay(stored, '2027-01-01')).toBe(false);
  });

  it('given a PUT that has read the official days and waits for the calendar, when a refresh starts then, then it waits for the PUT and moves the calendar it stored on', async () => {
    const refreshing = new CalendarStore(racing);
    const editing = new CalendarStore(racing);
    await refreshing.refreshOfficial(before, 'ops');

    await racedAtTheCalendar(
      () => editing.put('default', typhoonOn('2025-09-15'), undefined, 'supervisor-1'),
      () => refreshing.refreshOfficial(after, 'ops'),
    );

    const stored = await new CalendarStore(db.dataSource).get('default');
    expect(isWorkingDay(stored, '2025-09-15')).toBe(false);
    expect(isWorkingDay(stored, '2027-01-01')).toBe(false);
  });

  it('given no official days yet (a fresh install) and the first refresh waiting for the calendar, when a PUT starts then, then the calendar it stores takes the days that refresh wrote', async () => {
    const refreshing = new CalendarStore(racing);
    const editing = new CalendarStore(racing);
    await withoutOfficialDays();

    await racedAtTheCalendar(
      () => refreshing.refreshOfficial(after, 'ops'),
      () => editing.put('default', typhoonOn('2025-09-16'), undefined, 'supervisor-1'),
    );

    const stored = await new CalendarStore(db.dataSource).get('default');
    expect(isWorkingDay(stored, '2025-09-16')).toBe(false);
    expect(isWorkingDay(stored, '2027-01-01')).toBe(false);
    expect(stored.holidays.map((d) => d.date)).toEqual(['2025-09-16', '2026-10-01', '2027-01-01']);
  });

  it('given no official days yet and a PUT waiting for the calendar, when the first refresh starts then, then it waits for the PUT and moves the calendar it stored on', async () => {
    const refreshing = new CalendarStore(racing);
    const editing = new CalendarStore(racing);
    await withoutOfficialDays();

    await racedAtTheCalendar(
      () => editing.put('default', typhoonOn('2025-09-17'), undefined, 'supervisor-1'),
      () => refreshing.refreshOfficial(after, 'ops'),
    );

    const stored = await new CalendarStore(db.dataSource).get('default');
    expect(isWorkingDay(stored, '2025-09-17')).toBe(false);
    expect(isWorkingDay(stored, '2027-01-01')).toBe(false);
  });
});

describe('a refresh from an older release of the data package (a release rolled back)', () => {
  /** The later release: 2027's arrangement with its 调休 Saturday. */
  const later = {
    holidays: [{ date: '2026-10-01', name: '国庆节' }, { date: '2027-01-01', name: '元旦' }],
    workingDays: [{ date: '2027-01-09', name: '元旦调休上班' }],
    years: [2026, 2027],
    provisionalYears: [],
    source: 'chinese-days@1.6.0',
  };
  /** The release before it: 2027 not published yet, its statutory days alone. */
  const earlier = {
    holidays: [{ date: '2026-10-01', name: '国庆节' }, { date: '2027-01-01', name: '元旦（法定假日，放假安排未发布）' }],
    workingDays: [],
    years: [2026],
    provisionalYears: [2027],
    source: 'chinese-days@1.5.7',
  };

  beforeEach(withoutOfficialDays);

  it('given the official days read from a later release, when refreshed from an earlier one, then every year it stored is kept, the calendars stay at their version, and the refresh says which years it kept from which release', async () => {
    await store.refreshOfficial(later, 'ops');
    const { version } = (await storedRow('default'))!;

    const refresh = await store.refreshOfficial(earlier, 'ops');

    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2027-01-09')).toBe(true);
    expect((await storedRow('default'))!.version).toBe(version);
    expect(refresh).toMatchObject({ officialChanged: false, calendars: [], years: [2026, 2027], provisionalYears: [], keptNewer: [{ year: 2026, source: 'chinese-days@1.6.0' }, { year: 2027, source: 'chinese-days@1.6.0' }] });
    expect(describeRefresh(refresh)).toContain('kept as a later release stored them: 2026–2027 (chinese-days@1.6.0)');
  });

  it('given the official days written by a release before the years were stamped, when refreshed from an earlier package, then the row’s own source stamps them and they are kept', async () => {
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.official_calendar_days (region, days, years, source, refreshed_at) VALUES ('cn-mainland', $1::jsonb, $2, $3, now())`,
      [JSON.stringify({ holidays: later.holidays, workingDays: later.workingDays }), later.years, later.source],
    );

    const refresh = await store.refreshOfficial(earlier, 'ops');

    expect(refresh).toMatchObject({ officialChanged: false, keptNewer: [{ year: 2026, source: 'chinese-days@1.6.0' }, { year: 2027, source: 'chinese-days@1.6.0' }] });
  });

  it('given a year kept from a later release, when refreshed from a release later still, then the year takes its data', async () => {
    await store.refreshOfficial(later, 'ops');
    await store.refreshOfficial(earlier, 'ops');
    const corrected = { ...later, workingDays: [{ date: '2027-01-10', name: '元旦调休上班' }], source: 'chinese-days@1.6.1' };

    const refresh = await store.refreshOfficial(corrected, 'ops');

    const calendar = await new CalendarStore(db.dataSource).get('default');
    expect(isWorkingDay(calendar, '2027-01-09')).toBe(false);
    expect(isWorkingDay(calendar, '2027-01-10')).toBe(true);
    expect(refresh).toMatchObject({ officialChanged: true, keptNewer: [] });
  });

  it('given a year the earlier release does not carry at all, not even its statutory days, when refreshed from it, then the year is kept', async () => {
    await store.refreshOfficial(later, 'ops');

    await store.refreshOfficial({ ...earlier, holidays: [{ date: '2026-10-01', name: '国庆节' }], provisionalYears: [], source: 'chinese-days@1.5.0' }, 'ops');

    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2027-01-01')).toBe(false);
  });
});

describe('a refresh whose reading no longer carries a stored year, or carries fewer of its holidays', () => {
  /** 2027 not published yet: its statutory days alone. */
  const whileProvisional = {
    holidays: [{ date: '2026-10-01', name: '国庆节' }, { date: '2027-01-01', name: '元旦（法定假日，放假安排未发布）' }],
    workingDays: [],
    years: [2026],
    provisionalYears: [2027],
    source: 'chinese-days@1.5.7',
  };
  /** The same release read once 2027 has passed unpublished: the reading no longer carries it. */
  const afterItPassed = { ...whileProvisional, holidays: [{ date: '2026-10-01', name: '国庆节' }], provisionalYears: [] };

  beforeEach(withoutOfficialDays);

  async function recomputeJobs(): Promise<number> {
    const [row] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${db.schema}.calendar_recompute_jobs WHERE calendar_id = 'default'`)) as { n: number }[];
    return row!.n;
  }

  it('given a provisional year stored, when the same release is read after the year passed unpublished, then the year keeps its holidays, the calendar its version, no recompute job is left, and the refresh names the year kept', async () => {
    await store.refreshOfficial(whileProvisional, 'ops');
    const { version } = (await storedRow('default'))!;
    const jobs = await recomputeJobs();

    const refresh = await store.refreshOfficial(afterItPassed, 'ops');

    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2027-01-01')).toBe(false);
    expect((await storedRow('default'))!.version).toBe(version);
    expect(await recomputeJobs()).toBe(jobs);
    expect(refresh).toMatchObject({ officialChanged: false, calendars: [], provisionalYears: [2027], keptUnreplaced: [{ year: 2027, source: 'chinese-days@1.5.7' }] });
    expect(refreshNeedsAttention(refresh)).toBe(true);
    expect(describeRefresh(refresh)).toContain('kept as stored, not replaced by the reading: 2027 (chinese-days@1.5.7)');
  });

  it('given the installed package read while its next year is provisional, when read again once that year passed unpublished, then the year keeps its statutory holidays', async () => {
    const { years } = mainlandChinaOfficialDays();
    const passed = years[years.length - 1]! + 1;
    await store.refreshOfficial(mainlandChinaOfficialDays(new Date(Date.UTC(passed, 0, 10))), 'ops');

    const refresh = await store.refreshOfficial(mainlandChinaOfficialDays(new Date(Date.UTC(passed + 1, 0, 10))), 'ops');

    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), `${passed}-01-01`)).toBe(false);
    expect(refresh.keptUnreplaced).toEqual([{ year: passed, source: refresh.source }]);
  });

  it('given a published year stored, when a pre-release publishes it with fewer holidays, then it takes them and the refresh warns naming the year, how many holidays it lost and how many are left', async () => {
    const published = {
      holidays: [{ date: '2027-01-01', name: '元旦' }, { date: '2027-06-09', name: '端午节' }, { date: '2027-06-10', name: '端午节' }],
      workingDays: [],
      years: [2027],
      provisionalYears: [],
      source: 'chinese-days@1.6.0',
    };
    await store.refreshOfficial(published, 'ops');

    const refresh = await store.refreshOfficial({ ...published, holidays: [{ date: '2027-01-01', name: '元旦' }], source: 'chinese-days@1.7.0-rc.1' }, 'ops');

    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2027-06-09')).toBe(true);
    expect(refresh).toMatchObject({ officialChanged: true, holidaysRemoved: [{ year: 2027, source: 'chinese-days@1.7.0-rc.1', removed: 2, left: 1 }] });
    expect(refreshNeedsAttention(refresh)).toBe(true);
    expect(describeRefresh(refresh)).toContain('holidays removed from stored years by chinese-days@1.7.0-rc.1: 2027 lost 2, 1 left');
  });

  it('given a published year stored, when a release publishes it with a 调休 Saturday more, then it takes it and the refresh warns naming the date made a working day', async () => {
    const published = { holidays: [{ date: '2027-01-01', name: '元旦' }], workingDays: [], years: [2027], provisionalYears: [], source: 'chinese-days@1.6.0' };
    await store.refreshOfficial(published, 'ops');

    const refresh = await store.refreshOfficial({ ...published, workingDays: [{ date: '2027-01-09', name: '元旦调休上班' }], source: 'chinese-days@1.6.1' }, 'ops');

    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2027-01-09')).toBe(true);
    expect(refresh).toMatchObject({ officialChanged: true, holidaysRemoved: [{ year: 2027, source: 'chinese-days@1.6.1', removed: 0, left: 1, madeWorking: ['2027-01-09'] }] });
    expect(refreshNeedsAttention(refresh)).toBe(true);
    expect(describeRefresh(refresh)).toContain('weekend days made working days (调休上班) in stored years by chinese-days@1.6.1: 2027-01-09');
    expect(describeRefresh(refresh)).not.toContain('holidays removed');
  });
});

describe('a refresh from a data package that publishes nothing (a damaged install)', () => {
  it('given the official days stored, when refreshed from a package with no year, then it is refused naming the package and every calendar keeps its days and version', async () => {
    const published = { holidays: [{ date: '2026-10-01', name: '国庆节' }], workingDays: [], years: [2026], provisionalYears: [], source: 'chinese-days@whole' };
    await store.refreshOfficial(published, 'ops');
    const { version } = (await storedRow('default'))!;

    const refused = await rejectionOf(store.refreshOfficial({ holidays: [], workingDays: [], years: [], provisionalYears: [], source: 'chinese-days@broken' }, 'ops'), OfficialDaysUnusableError);

    expect(refused.message).toContain('chinese-days@broken publishes no official holiday');
    expect((await storedRow('default'))!.version).toBe(version);
    expect(isWorkingDay(await new CalendarStore(db.dataSource).get('default'), '2026-10-01')).toBe(false);
  });
});
