import { OFFICE_WEEK } from '@cs/business-calendar';
import { OutboxWriter } from '@cs/messaging';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { CalendarPublicationRepository } from '../infrastructure/calendar-publication.repository';
import { CalendarStore } from '../infrastructure/calendar-store';
import { MIGRATIONS } from '../infrastructure/migrations';
import { publishUnpublishedCalendars } from './publish-calendars';

let db: ThrowawaySchema;
let store: CalendarStore;
const publications = new CalendarPublicationRepository();
let outbox: OutboxWriter;

beforeAll(async () => {
  db = await throwawaySchema('tickets_calendar_publications', MIGRATIONS);
  store = new CalendarStore(db.dataSource);
  outbox = new OutboxWriter(db.schema, '/cs/tickets');
});

afterAll(async () => {
  await db?.drop();
});

const publishAll = () => db.dataSource.transaction((tx) => publishUnpublishedCalendars(tx, publications, outbox));

async function published(): Promise<{ key: string; version: number; timezone: string; holidays: number }[]> {
  const rows = (await db.dataSource.query(
    `SELECT message_key, payload FROM ${db.schema}.outbox WHERE event_type = 'calendar.published.v1' ORDER BY seq`,
  )) as { message_key: string; payload: string }[];
  return rows.map((r) => {
    const data = JSON.parse(r.payload) as { version: number; document: { timezone: string; holidays: unknown[] } };
    return { key: r.message_key, version: data.version, timezone: data.document.timezone, holidays: data.document.holidays.length };
  });
}

describe('publishing business calendars', () => {
  it('given the seeded default calendar, when first run, then its version goes out once, keyed by its id', async () => {
    expect(await publishAll()).toBe(1);
    expect(await publishAll()).toBe(0);
    expect(await published()).toEqual([{ key: 'default', version: 1, timezone: 'Asia/Shanghai', holidays: 0 }]);
  });

  it('given a calendar uploaded and changed, when run, then only each newest version goes out', async () => {
    const document = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [{ date: '2026-10-01', name: '国庆节' }], workingDays: [] };
    await store.put('p001', document, undefined, 'admin-1');
    await store.put('p001', { ...document, holidays: [...document.holidays, { date: '2026-10-02', name: '国庆节' }] }, undefined, 'admin-1');
    expect(await publishAll()).toBe(1);
    expect((await published()).filter((p) => p.key === 'p001')).toEqual([{ key: 'p001', version: 2, timezone: 'Asia/Shanghai', holidays: 2 }]);
  });

  it('given a calendar stored before the limits of calendar.published, first by id, when run, then the calendars after it go out and it waits for its correction', async () => {
    const nineIntervals = Array.from({ length: 9 }, (_, h) => [`1${h}:00`, `1${h}:30`]);
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
       VALUES ('a-crowded', $1::jsonb, $1::jsonb, false, 1, now(), 'admin-1')`,
      [JSON.stringify({ timezone: 'Asia/Shanghai', workingHours: { ...OFFICE_WEEK, mon: nineIntervals }, holidays: [], workingDays: [] })],
    );
    const document = { timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK, holidays: [], workingDays: [] };
    await store.put('p002', document, undefined, 'admin-1');
    await store.put('p003', document, undefined, 'admin-1');
    const unfit: string[] = [];
    // A batch of one: the calendar that cannot go out does not take the batch's place.
    const publishOne = () => db.dataSource.transaction((tx) => publishUnpublishedCalendars(tx, publications, outbox, (c) => unfit.push(`${c.id}@${c.version}`), 1));

    expect(await publishOne()).toBe(1);
    expect(await publishOne()).toBe(1);
    expect(await publishOne()).toBe(0);
    expect((await published()).filter((p) => ['a-crowded', 'p002', 'p003'].includes(p.key)).map((p) => p.key)).toEqual(['p002', 'p003']);
    expect(new Set(unfit)).toEqual(new Set(['a-crowded@1']));

    await store.put('a-crowded', document, 1, 'admin-1');
    expect(await publishAll()).toBe(1);
    expect((await published()).filter((p) => p.key === 'a-crowded')).toEqual([{ key: 'a-crowded', version: 2, timezone: 'Asia/Shanghai', holidays: 0 }]);
  });
});
