import type { DataSource } from 'typeorm';
import { CalendarStore, OfficialRefresh } from '../calendar-store';
import { mainlandChinaOfficialDays } from './mainland-china';

/** Who the calendars' history names for a change the data package made. */
export const OFFICIAL_REFRESH_ACTOR = 'official-refresh';

/**
 * Reads the installed data package and brings the official days and every calendar that
 * follows them up to date, through the calendar store (new versions, ETags and recompute jobs).
 * Idempotent: the deployment's migration step runs it every time, and so may anyone.
 */
export function refreshOfficialCalendar(dataSource: DataSource, today = new Date()): Promise<OfficialRefresh> {
  return new CalendarStore(dataSource).refreshOfficial(mainlandChinaOfficialDays(today), OFFICIAL_REFRESH_ACTOR);
}

const span = (years: readonly number[]) => (years.length > 0 ? `${years[0]}–${years[years.length - 1]}` : 'no years');

/** One line for the operator: what was read, what moved, and which years still wait for their arrangement. */
export function describeRefresh(refresh: OfficialRefresh): string {
  const moved = refresh.calendars.map((c) => `${c.id}@${c.version}`).join(', ') || 'none';
  const waiting =
    refresh.provisionalYears.length > 0
      ? `; ${span(refresh.provisionalYears)}: statutory holidays only, no arrangement (bridging days, 调休) yet — upgrade chinese-days once the State Council publishes it, or upload the year in a company calendar`
      : '';
  const uncorrected =
    refresh.needingCorrection.length > 0
      ? `; not moved, stored before the limits of calendar.published and to be corrected with PUT /v1/calendars/{id} (which takes these days): ${refresh.needingCorrection.map((c) => `${c.id}@${c.version}`).join(', ')}`
      : '';
  return `official holidays from ${refresh.source} (${span(refresh.years)}): ${refresh.officialChanged ? 'updated' : 'unchanged'}; calendars moved: ${moved}${uncorrected}${waiting}`;
}
