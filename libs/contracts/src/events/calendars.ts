import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { Timestamp } from './common';

const LocalTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });
const TimeRange = Type.Tuple([LocalTime, LocalTime]);
const Hours = Type.Array(TimeRange, { maxItems: 8 });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const DayName = Type.String({ maxLength: 100 });

/**
 * A business calendar as the tickets service times deadlines by it (the company's document
 * with the official days it follows), in the import format of `@cs/business-calendar`.
 */
export const CalendarDocumentSchema = Type.Object(
  {
    timezone: Type.String({ minLength: 1, maxLength: 64 }),
    workingHours: Type.Object(
      { mon: Hours, tue: Hours, wed: Hours, thu: Hours, fri: Hours, sat: Hours, sun: Hours },
      { additionalProperties: false },
    ),
    holidays: Type.Array(Type.Object({ date: LocalDate, name: DayName }, { additionalProperties: false })),
    workingDays: Type.Array(
      Type.Object({ date: LocalDate, name: DayName, hours: Type.Optional(Hours) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/**
 * Every version of every business calendar, as it takes effect; services that count working
 * time (callbacks, knowledge, reporting) keep their own copy from these and never read the
 * tickets service's tables. Keyed by calendar id: a later version replaces an earlier one.
 */
export const CalendarPublishedV1 = defineEvent({
  type: 'calendar.published.v1',
  topic: TOPICS.tickets,
  aggregate: 'calendar',
  summary: 'A business calendar (working hours, holidays, 调休) took effect at a new version',
  schema: Type.Object(
    {
      calendarId: Type.String({ minLength: 1, maxLength: 63 }),
      version: Type.Integer({ minimum: 1 }),
      document: CalendarDocumentSchema,
      at: Timestamp,
    },
    { additionalProperties: false },
  ),
});
