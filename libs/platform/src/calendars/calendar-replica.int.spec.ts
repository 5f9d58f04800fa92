import { addWorkingDays } from '@cs/business-calendar';
import { ThrowawaySchema, rejectionOf, throwawaySchema } from '@cs/testing';
import { CalendarNotReceivedError, CalendarReplica, calendarReplicaMigration } from './calendar-replica';

let db: ThrowawaySchema;
let replica: CalendarReplica;

beforeAll(async () => {
  db = await throwawaySchema('platform_calendar_replica', [calendarReplicaMigration(1764000000000)]);
  replica = new CalendarReplica(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
});

const office: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const document = (holidays: string[]) => ({
  timezone: 'Asia/Shanghai',
  workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: holidays.map((date) => ({ date, name: '国庆节' })),
  workingDays: [{ date: '2026-10-10', name: '国庆节调休' }],
});
const published = (version: number, holidays: string[]) => ({ calendarId: 'default', version, document: document(holidays), at: '2026-09-01T00:00:00Z' });
const apply = (data: ReturnType<typeof published>) => db.dataSource.transaction((tx) => replica.apply(tx, data));

describe('the calendar replica', () => {
  it('given no calendar.published yet, when a calendar is asked for, then it says so rather than guess', async () => {
    const error = await rejectionOf(replica.get('default'), CalendarNotReceivedError);
    expect(error.calendarId).toBe('default');
  });

  it('given versions arriving out of order, then the newest is kept and working days count by it (holidays and 调休)', async () => {
    await apply(published(2, ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']));
    await apply(published(1, []));
    const calendar = await replica.get('default');
    expect(calendar.holidays.map((h) => h.date)).toHaveLength(5);
    // Wednesday 09-30 10:00 + 3 working days: 10-01…10-07 are off, then Thursday 10-08, Friday 10-09 and Saturday 10-10 (调休), by its close at 17:30.
    const due = addWorkingDays(calendar, new Date('2026-09-30T02:00:00Z'), 3);
    expect(due.toISOString()).toBe('2026-10-10T09:30:00.000Z');
  });

  it('given a newer version, then the next read sees it', async () => {
    await apply(published(3, []));
    expect((await replica.get('default')).holidays).toEqual([]);
  });
});
