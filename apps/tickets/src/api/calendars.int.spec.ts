import { APP_FILTER } from '@nestjs/core';
import { OFFICE_WEEK, weekdaysWorking } from '@cs/business-calendar';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { createLogger } from '@cs/observability';
import { LOGGER, ProblemDetailsFilter, createValidationPipe } from '@cs/platform';
import { InjectOptions, InjectedResponse, ThrowawaySchema, buildHttpTestApp, injectJson, throwawaySchema } from '@cs/testing';
import { BusinessCalendars } from '../application/business-calendars';
import { CalendarStore } from '../infrastructure/calendar-store';
import { MIGRATIONS } from '../infrastructure/migrations';
import { CHINA_2026 } from '../testing/fixtures';
import { CalendarsController } from './calendars.controller';

const BERLIN = {
  timezone: 'Europe/Berlin',
  workingHours: weekdaysWorking([['09:00', '17:00']]),
};

/** No weekday hours, and its one 调休 day long past. */
const OPEN_ONCE = {
  timezone: 'Asia/Shanghai',
  workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  workingDays: [{ date: '2020-01-04', name: '盘点', hours: [['09:00', '12:00']] }],
};

let db: ThrowawaySchema;
let app: NestFastifyApplication;

beforeAll(async () => {
  db = await throwawaySchema('tickets_calendars_http', MIGRATIONS);
  // The platform's real auth guard, problem filter and validation pipe.
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [CalendarsController],
    providers: [
      { provide: LOGGER, useValue: createLogger('tickets', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      CalendarStore,
      BusinessCalendars,
    ],
    pipes: [createValidationPipe()],
  });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const call = (method: 'GET' | 'PUT', url: string, options?: InjectOptions) => injectJson(app, method, url, options);

const fields = (response: InjectedResponse): string[] => ((response.body['errors'] ?? []) as { field: string }[]).map((e) => e.field);

describe('GET and PUT /v1/calendars/{id}', () => {
  it('given no token, when reading, then it is 401', async () => {
    expect((await call('GET', '/v1/calendars/default')).status).toBe(401);
  });

  it('given an agent, when reading the default calendar, then the document comes with its version as ETag', async () => {
    const { status, headers, body } = await call('GET', '/v1/calendars/default', { role: 'agent' });
    expect(status).toBe(200);
    expect(headers['etag']).toBe('W/"1"');
    expect(body).toEqual({
      id: 'default',
      version: 1,
      timezone: 'Asia/Shanghai',
      workingHours: OFFICE_WEEK,
      holidays: [],
      workingDays: [],
    });
  });

  it('given an unknown id, when reading, then it is 404 problem+json', async () => {
    const response = await call('GET', '/v1/calendars/nowhere', { role: 'agent' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'CALENDAR.NOT_FOUND', calendarId: 'nowhere' });
  });

  it('given an id outside the pattern, when reading or writing, then it is 422 naming id', async () => {
    const read = await call('GET', '/v1/calendars/Default', { role: 'agent' });
    expect(read.status).toBe(422);
    expect(read.body).toMatchObject({ code: 'CALENDAR.INVALID_ID' });
    expect(fields(read)).toEqual(['id']);
    const write = await call('PUT', '/v1/calendars/has.dot', { role: 'admin', body: CHINA_2026 });
    expect(write.status).toBe(422);
    expect(fields(write)).toEqual(['id']);
  });

  it('given an agent or a supervisor, when writing, then it is 403', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      expect((await call('PUT', '/v1/calendars/china-2026', { role, body: CHINA_2026 })).status).toBe(403);
    }
  });

  it('given an admin and a new id, when writing, then it is 201 with the stored document and ETag W/"1"', async () => {
    const { status, headers, body } = await call('PUT', '/v1/calendars/china-2026', { role: 'admin', body: { ...CHINA_2026, exportedBy: 'HR' } });
    expect(status).toBe(201);
    expect(headers['etag']).toBe('W/"1"');
    expect(body).toEqual({ id: 'china-2026', version: 1, ...CHINA_2026 });
    expect((await call('GET', '/v1/calendars/china-2026', { role: 'agent' })).body).toEqual(body);
  });

  it('given the current ETag, when replacing, then it is 200 with the next ETag; the old ETag is then 412', async () => {
    const { headers } = await call('GET', '/v1/calendars/china-2026', { role: 'admin' });
    const etag = String(headers['etag']);
    const edited = { ...CHINA_2026, holidays: [...CHINA_2026.holidays, { date: '2026-12-31', name: '公司年会' }] };
    const replaced = await call('PUT', '/v1/calendars/china-2026', { role: 'admin', body: edited, headers: { 'if-match': etag } });
    expect(replaced.status).toBe(200);
    expect(replaced.headers['etag']).toBe('W/"2"');
    expect(replaced.body).toMatchObject({ version: 2, holidays: expect.arrayContaining([{ date: '2026-12-31', name: '公司年会' }]) });

    const stale = await call('PUT', '/v1/calendars/china-2026', { role: 'admin', body: CHINA_2026, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'CALENDAR.VERSION_CONFLICT', currentVersion: 2 });
    expect(fields(stale)).toEqual(['If-Match']);

    // Put back as the deadline checks below expect it.
    expect((await call('PUT', '/v1/calendars/china-2026', { role: 'admin', body: CHINA_2026, headers: { 'if-match': 'W/"2"' } })).status).toBe(200);
  });

  it('given a malformed If-Match, when writing, then it is 422 naming the header', async () => {
    const response = await call('PUT', '/v1/calendars/china-2026', { role: 'admin', body: CHINA_2026, headers: { 'if-match': '3' } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CALENDAR.BAD_IF_MATCH' });
  });

  it('given an invalid document, when writing, then it is 422 listing every problem by its path', async () => {
    const broken = {
      ...CHINA_2026,
      workingHours: { ...CHINA_2026.workingHours, mon: [['08:30', '12:00'], ['25:00', '17:30']] },
      holidays: [{ date: '2026-02-29', name: '国庆节' }],
    };
    const response = await call('PUT', '/v1/calendars/china-2026', { role: 'admin', body: broken });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'CALENDAR.INVALID', calendarId: 'china-2026' });
    expect(fields(response)).toEqual(['workingHours.mon[1][0]', 'holidays[0].date']);
    expect((await call('GET', '/v1/calendars/china-2026', { role: 'agent' })).body).toMatchObject({ version: 3 });
  });
});

describe('a day named with personal data', () => {
  it('given a holiday or a 调休 day whose name holds a phone number or an e-mail address, when writing, then it is 422 naming that name, echoing nothing of it, and nothing is stored', async () => {
    const before = (await call('GET', '/v1/calendars/china-2026', { role: 'agent' })).body;
    const named = [
      { ...CHINA_2026, holidays: [...CHINA_2026.holidays, { date: '2026-12-31', name: '值班 13812345678' }] },
      { ...CHINA_2026, workingDays: [...CHINA_2026.workingDays, { date: '2026-12-27', name: '盘点 li.si@example.com' }] },
    ];
    const answers = await Promise.all(named.map((body) => call('PUT', '/v1/calendars/china-2026', { role: 'admin', body })));

    expect(answers.map((r) => [r.status, r.body['code'], fields(r)])).toEqual([
      [422, 'CALENDAR.PERSONAL_DATA', [`holidays[${CHINA_2026.holidays.length}].name`]],
      [422, 'CALENDAR.PERSONAL_DATA', [`workingDays[${CHINA_2026.workingDays.length}].name`]],
    ]);
    expect(JSON.stringify(answers.map((r) => r.body))).not.toMatch(/13812345678|li\.si/);
    expect((await call('GET', '/v1/calendars/china-2026', { role: 'agent' })).body).toEqual(before);
  });
});

describe('GET /v1/calendars/{id}/add', () => {
  const add = (id: string, query: string) => call('GET', `/v1/calendars/${id}/add?${query}`, { role: 'agent' });

  it('given the eve of 国庆 and 2 working days, when added, then it is due the Friday after the holiday week at 17:30 +08:00', async () => {
    const response = await add('china-2026', `from=${encodeURIComponent('2026-09-30T10:00:00+08:00')}&workingDays=2`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ due: '2026-10-09T17:30:00+08:00' });
  });

  it('given a start in UTC and the 调休 Saturday ahead, when working minutes or hours are added, then the due time is in Shanghai time', async () => {
    expect((await add('china-2026', 'from=2026-10-09T09:25:00Z&workingMinutes=30')).body).toEqual({ due: '2026-10-10T08:55:00+08:00' });
    expect((await add('china-2026', 'from=2026-09-30T08:30:00Z&workingHours=8')).body).toEqual({ due: '2026-10-08T17:00:00+08:00' });
  });

  it('given an unencoded + in from, when added, then it is still read as the offset', async () => {
    const response = await add('default', 'from=2026-09-11T10:00:00+08:00&workingDays=1');
    expect(response.body).toEqual({ due: '2026-09-14T17:30:00+08:00' });
  });

  it('given a Berlin calendar across the change to summer time, when hours are added, then the offset changes with it', async () => {
    expect((await call('PUT', '/v1/calendars/berlin', { role: 'admin', body: BERLIN })).status).toBe(201);
    // Friday 16:00 CET + 2 h: 1 h on Friday, 1 h on Monday after the clocks went forward on Sunday.
    const response = await add('berlin', `from=${encodeURIComponent('2026-03-27T16:00:00+01:00')}&workingHours=2`);
    expect(response.body).toEqual({ due: '2026-03-30T10:00:00+02:00' });
  });

  it('given a from that is not a real instant with an offset, when added, then it is 400 naming from', async () => {
    for (const from of ['2026-10-09T10:00:00', '2026-02-30T10:00:00Z', 'tomorrow']) {
      const response = await add('default', `from=${encodeURIComponent(from)}&workingDays=1`);
      expect({ from, status: response.status, code: response.body['code'], fields: fields(response) }).toEqual({
        from,
        status: 400,
        code: 'VALIDATION.FAILED',
        fields: ['from'],
      });
    }
  });

  it('given no amount, two amounts or a fractional day count, when added, then it is 400 naming the fields', async () => {
    const from = 'from=2026-10-09T02:00:00Z';
    expect(fields(await add('default', from))).toEqual(['workingDays', 'workingHours', 'workingMinutes']);
    const both = await add('default', `${from}&workingDays=1&workingHours=2`);
    expect(both.status).toBe(400);
    expect(fields(both)).toEqual(['workingDays', 'workingHours']);
    const fractional = await add('default', `${from}&workingDays=1.5`);
    expect(fractional.status).toBe(400);
    expect(fields(fractional)).toEqual(['workingDays']);
  });

  it('given an amount that would run for years, when added, then it is 422 naming it, before any walking of the calendar', async () => {
    const from = 'from=2026-10-09T02:00:00Z';
    // 500 working days of a five-day week are 100 weeks: Friday 2026-10-09 + 700 days.
    expect((await add('default', `${from}&workingDays=500`)).body).toEqual({ due: '2028-09-08T17:30:00+08:00' });
    for (const amount of ['workingDays=9999', 'workingHours=99999', 'workingMinutes=9999999']) {
      const response = await add('default', `${from}&${amount}`);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'CALENDAR.AMOUNT_TOO_LARGE', maxDays: 1098 });
      expect(fields(response)).toEqual([amount.split('=')[0]]);
    }
  });

  it('given a start so late that the deadline passes the year 9999, when added, then it is 422', async () => {
    const response = await add('default', 'from=9999-12-30T00:00:00Z&workingDays=5');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CALENDAR.OUT_OF_RANGE' });
    expect(fields(response)).toEqual(['workingDays']);
  });

  it('given an unknown calendar, when added, then it is 404', async () => {
    const response = await add('nowhere', 'from=2026-10-09T02:00:00Z&workingDays=1');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'CALENDAR.NOT_FOUND' });
  });

  it.each<[string, string, object]>([
    ['without any working time', 'never-open', { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }],
    ['whose only working day has passed', 'open-once', OPEN_ONCE],
  ])('given a calendar %s, when written, then it is 422 naming workingHours: no deadline could be counted by it', async (_case, id, body) => {
    const response = await call('PUT', `/v1/calendars/${id}`, { role: 'admin', body });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', calendarId: id });
    expect(fields(response)).toEqual(['workingHours']);
    expect((await call('GET', `/v1/calendars/${id}`, { role: 'agent' })).status).toBe(404);
  });

  it('given a calendar whose only working day is today in its zone and closed earlier today, when written, then it is 422 naming workingHours: it works no more from now on', async () => {
    // A zone where it is past 01:00 and before 23:00 now, so its day's only half hour, from midnight, is over and the day not.
    const zone = ['Asia/Shanghai', 'Europe/London', 'America/New_York'].find((timezone) => {
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
      return hour >= 1 && hour < 23;
    })!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const body = { ...OPEN_ONCE, timezone: zone, workingDays: [{ date: today, name: '盘点', hours: [['00:00', '00:30']] }] };

    const response = await call('PUT', '/v1/calendars/closed-this-morning', { role: 'admin', body });

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', calendarId: 'closed-this-morning' });
    expect(fields(response)).toEqual(['workingHours']);
    expect((await call('GET', '/v1/calendars/closed-this-morning', { role: 'agent' })).status).toBe(404);
  });

  it('given a calendar whose only working day has passed, stored before such were refused, when added, then it is 422 rather than a search without end', async () => {
    const document = JSON.stringify({ ...OPEN_ONCE, holidays: [] });
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
       VALUES ('open-once', $1::jsonb, $1::jsonb, false, 1, now(), 'admin-1')`,
      [document],
    );
    const response = await add('open-once', 'from=2026-10-09T02:00:00Z&workingMinutes=1');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'CALENDAR.NO_WORKING_TIME', calendarId: 'open-once' });
  });
});
