import { quoteLiteral, sqlMigration } from '@cs/persistence';

const OFFICE_HOURS = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

/**
 * Written out rather than imported so that this migration keeps seeding what it seeded when it
 * shipped. No holidays: each company uploads its year's holidays and 调休 days itself.
 */
const DEFAULT_CALENDAR = {
  timezone: 'Asia/Shanghai',
  workingHours: {
    mon: OFFICE_HOURS,
    tue: OFFICE_HOURS,
    wed: OFFICE_HOURS,
    thu: OFFICE_HOURS,
    fri: OFFICE_HOURS,
    sat: [],
    sun: [],
  },
  holidays: [],
  workingDays: [],
};

/**
 * 工作日历 — business calendars as whole documents (validated by @cs/business-calendar before
 * they are stored); `version` is each calendar's ETag. `default` is the one every SLA policy
 * uses unless it names another.
 */
export const BusinessCalendars1764300000000 = sqlMigration('BusinessCalendars1764300000000', {
  up: [
    `CREATE TABLE business_calendars (
       id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
       document   jsonb NOT NULL,
       version    integer NOT NULL CHECK (version >= 1),
       updated_at timestamptz NOT NULL,
       updated_by text NOT NULL
     )`,
    `INSERT INTO business_calendars (id, document, version, updated_at, updated_by)
     VALUES ('default', ${quoteLiteral(JSON.stringify(DEFAULT_CALENDAR))}::jsonb, 1, now(), 'seed')`,
  ],
  down: ['DROP TABLE business_calendars'],
});
