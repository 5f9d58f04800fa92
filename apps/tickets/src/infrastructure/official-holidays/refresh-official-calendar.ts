import type { DataSource } from 'typeorm';
import { CalendarStore, OfficialRefresh } from '../calendar-store';
import type { KeptYear } from '../../domain/official-years';
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

/** `2004–2025, 2027`: ascending years in runs. */
function runsOf(years: readonly number[]): string {
  const runs: number[][] = [];
  for (const year of years) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === year - 1) run.push(year);
    else runs.push([year]);
  }
  return runs.map((run) => (run.length > 1 ? span(run) : String(run[0]))).join(', ');
}

/** Each release that stored years the refresh kept, with those years. */
function keptText(kept: readonly KeptYear[]): string {
  const bySource = new Map<string, number[]>();
  for (const { year, source } of kept) bySource.set(source, [...(bySource.get(source) ?? []), year]);
  return [...bySource].map(([source, years]) => `${runsOf(years)} (${source})`).join(', ');
}

/**
 * Whether the operator should look: a year without its arrangement, a calendar to correct, years
 * a later release stored kept over an earlier package (a release rolled back), years kept as the
 * reading does not replace them, or holidays the reading took out of a stored year (a correction,
 * or a pre-release's mistake): none fails it.
 */
export function refreshNeedsAttention(refresh: OfficialRefresh): boolean {
  return [refresh.provisionalYears, refresh.needingCorrection, refresh.keptNewer, refresh.keptUnreplaced, refresh.holidaysRemoved].some((listed) => listed.length > 0);
}

/** One line for the operator: what was read, what moved, and which years still wait for their arrangement. */
export function describeRefresh(refresh: OfficialRefresh): string {
  const moved = refresh.calendars.map((c) => `${c.id}@${c.version}`).join(', ') || 'none';
  const waiting =
    refresh.provisionalYears.length > 0
      ? `; ${span(refresh.provisionalYears)}: statutory holidays only, no arrangement (bridging days, 调休) yet — upgrade chinese-days once the State Council publishes it, or upload the year in a company calendar`
      : '';
  const lost = refresh.holidaysRemoved.filter((y) => y.removed > 0);
  const worked = refresh.holidaysRemoved.flatMap((y) => y.madeWorking);
  const removed =
    (lost.length > 0 ? `; holidays removed from stored years by ${refresh.source}: ${lost.map((y) => `${y.year} lost ${y.removed}, ${y.left} left`).join('; ')}` : '') +
    (worked.length > 0 ? `; weekend days made working days (调休上班) in stored years by ${refresh.source}: ${worked.join(', ')}` : '');
  const uncorrected =
    refresh.needingCorrection.length > 0
      ? `; not moved, stored before the limits of calendar.published and to be corrected with PUT /v1/calendars/{id} (which takes these days): ${refresh.needingCorrection.map((c) => `${c.id}@${c.version}`).join(', ')}`
      : '';
  const kept =
    refresh.keptNewer.length > 0
      ? `; ${refresh.source} is earlier than the release that stored these years, kept as a later release stored them: ${keptText(refresh.keptNewer)}`
      : '';
  const unreplaced =
    refresh.keptUnreplaced.length > 0
      ? `; kept as stored, not replaced by the reading: ${keptText(refresh.keptUnreplaced)}`
      : '';
  return `official holidays from ${refresh.source} (${span(refresh.years)}): ${refresh.officialChanged ? 'updated' : 'unchanged'}; calendars moved: ${moved}${removed}${kept}${unreplaced}${uncorrected}${waiting}`;
}
