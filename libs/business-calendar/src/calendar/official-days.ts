import type { CalendarDocument } from './calendar-document';

export interface OfficialDay {
  readonly date: string;
  readonly name: string;
}

/**
 * What a government publishes for its region, year by year: public holidays and the weekend
 * days worked to bridge them (调休). Dates are `YYYY-MM-DD`.
 */
export interface OfficialDays {
  readonly holidays: readonly OfficialDay[];
  readonly workingDays: readonly OfficialDay[];
}

const yearOf = (date: string) => date.slice(0, 4);
const byDate = (a: OfficialDay, b: OfficialDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * A company's calendar with the official days of every year it does not decide itself. A year
 * in which the company lists any holiday or working day is the company's: its list is the
 * whole truth for that year (a company uploads its year, as the regulations describe). Every
 * other year takes the official holidays and 调休 days. A company whose Monday has no working
 * hours cannot take official working days (they work Monday's hours), so it gets only the
 * holidays.
 */
export function withOfficialDays(document: CalendarDocument, official: OfficialDays): CalendarDocument {
  const companyYears = new Set([...document.holidays, ...document.workingDays].map((d) => yearOf(d.date)));
  const officialYear = (day: OfficialDay) => !companyYears.has(yearOf(day.date));
  const mondayWorks = document.workingHours.mon.length > 0;
  return {
    ...document,
    holidays: [...document.holidays, ...official.holidays.filter(officialYear)].sort(byDate),
    workingDays: [...document.workingDays, ...(mondayWorks ? official.workingDays.filter(officialYear) : [])].sort(byDate),
  };
}

/**
 * The company's own part of a document that may hold official days, such as the merged document
 * of a calendar that follows them, shown and put back: each year whose holidays and 调休 days are
 * exactly what `withOfficialDays` adds for it is left out, so that year keeps following the
 * official data — a year whose arrangement is not published yet takes it when it comes, instead
 * of being frozen at the statutory days alone. A year listing anything else is the company's,
 * whole, as `withOfficialDays` reads it.
 */
export function withoutOfficialYears(document: CalendarDocument, official: OfficialDays): CalendarDocument {
  const added = withOfficialDays({ ...document, holidays: [], workingDays: [] }, official);
  const years = new Set([...document.holidays, ...document.workingDays].map((d) => yearOf(d.date)));
  const followed = new Set([...years].filter((year) => entriesOf(document, year) === entriesOf(added, year)));
  const own = (day: { readonly date: string }) => !followed.has(yearOf(day.date));
  return { ...document, holidays: document.holidays.filter(own), workingDays: document.workingDays.filter(own) };
}

/** A year's holidays and working days of a document, in an order-free form to compare. */
function entriesOf(document: CalendarDocument, year: string): string {
  const inYear = (d: { readonly date: string }) => yearOf(d.date) === year;
  const holidays = document.holidays.filter(inYear).map(({ date, name }) => JSON.stringify(['holiday', date, name]));
  const working = document.workingDays.filter(inYear).map(({ date, name, hours }) => JSON.stringify(['working', date, name, hours ?? null]));
  return JSON.stringify([...holidays, ...working].sort());
}
