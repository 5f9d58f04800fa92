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

/** One line for the operator: what was read and what moved. */
export function describeRefresh(refresh: OfficialRefresh): string {
  const years = refresh.years.length > 0 ? `${refresh.years[0]}–${refresh.years[refresh.years.length - 1]}` : 'no years';
  const moved = refresh.calendars.map((c) => `${c.id}@${c.version}`).join(', ') || 'none';
  return `official holidays from ${refresh.source} (${years}): ${refresh.officialChanged ? 'updated' : 'unchanged'}; calendars moved: ${moved}`;
}
