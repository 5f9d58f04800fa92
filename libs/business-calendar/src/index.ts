export { parseCalendar } from './calendar/parse-calendar';
export { CalendarValidationError, type CalendarProblem } from './calendar/calendar-validation-error';
export { OFFICE_HOURS, OFFICE_WEEK, weekdaysWorking } from './calendar/office-hours';
export { toCalendarDocument, type CalendarDocument, type TimeRangeDocument } from './calendar/calendar-document';
export { withOfficialDays, withoutOfficialYears, type OfficialDay, type OfficialDays } from './calendar/official-days';
export { hasWorkingTime } from './calendar/business-calendar';
export { CALENDAR_REFUSAL_CODES, assertWorkingTime, countedBy, hasWorkingTimeFrom, isCalendarRefusal, noWorkingTime } from './calendar/working-time-refusals';
export type {
  AdjustedWorkingDay,
  BusinessCalendar,
  DayHours,
  Holiday,
  Weekday,
  WorkingInterval,
} from './calendar/business-calendar';
export type { IsoDate } from './time/civil-date';
export { toOffsetDateTime } from './time/offset-date-time';
export { addCalendarDays, addCalendarMonths, instantOnLocalDay, localDayOf, startOfLocalDay } from './time/zoned-time';
export { MAX_YEAR, MIN_YEAR, formatIsoDate, parseIsoDate } from './time/civil-date';
export type { MinuteOfDay } from './time/time-of-day';
export type { Pause } from './computation/pauses';
export { NoWorkingTimeError, OpenPauseError } from './computation/errors';
export {
  addWorkingHours,
  addWorkingMinutes,
  isWorkingTime,
  nextWorkingInstant,
  workingMinutesBetween,
} from './computation/working-time';
export { addWorkingDays, endOfWorkingDay, isWorkingDay } from './computation/working-days';
