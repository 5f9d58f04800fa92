import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  BusinessCalendar,
  CalendarDocument,
  assertWorkingTime,
  CalendarValidationError,
  OfficialDays,
  parseCalendar,
  toCalendarDocument,
  withOfficialDays,
  withoutOfficialYears,
} from '@cs/business-calendar';
import { DomainError, IF_MATCH, versionConflict } from '@cs/ddd';
import { assertCalendarId, isCalendarId } from '../domain/calendar-id';
import { assertNamesHoldNoPersonalData } from '../domain/calendar-limits';
import { Static, Type } from '@sinclair/typebox';
import { KeptYear, StampedOfficialDays, ThinnedYear, mergeOfficialYears } from '../domain/official-years';
import { Queryable, execute, selectRow, selectRows } from '@cs/persistence';
import type { PublishedOfficialDays } from './official-holidays/mainland-china';

/** A calendar as stored: `version` is its ETag and moves on with every change. */
export interface StoredCalendar {
  readonly calendar: BusinessCalendar;
  readonly version: number;
}

/**
 * How long a cached calendar is trusted before its version is checked again: a change made
 * through another replica shows here within this time (well inside the 5 s promised).
 */
export const CALENDAR_CACHE_FRESH_MS = 2_000;

/**
 * A calendar as last read, or the refusal of one stored before the rules it breaks
 * (CALENDAR.NEEDS_CORRECTION) at that version: kept as a calendar is, so one awaiting correction is
 * not read again by every transaction that catches up to it and then looks it up.
 */
type CacheEntry = (StoredCalendar | { readonly refusal: DomainError; readonly version: number }) & { readonly checkedAt: number };

/** The calendar the entry holds, or its refusal thrown. */
function heldIn(entry: CacheEntry): StoredCalendar {
  if ('refusal' in entry) throw entry.refusal;
  return { calendar: entry.calendar, version: entry.version };
}

/** `document` is null when it is the version the caller already has: no need to ship and parse it again. */
const VersionRow = Type.Object({ version: Type.Integer(), document: Type.Unknown() });
const LockedRow = Type.Object({ version: Type.Integer(), follows_official: Type.Boolean(), unchanged: Type.Boolean() });
const OfficialDayRow = Type.Object({ date: Type.String(), name: Type.String() });
/**
 * `sources` stamps each year with the release it was read from (ADR 0157); days a release before
 * the stamps wrote have none, and were all read from the row's `source`.
 */
const OfficialRow = Type.Object({
  days: Type.Object({
    holidays: Type.Array(OfficialDayRow),
    workingDays: Type.Array(OfficialDayRow),
    sources: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
  years: Type.Array(Type.Integer()),
  source: Type.String(),
});
const FollowingRow = Type.Object({ id: Type.String(), version: Type.Integer(), company_document: Type.Unknown() });

/** The calendar that carries the official days unless its company document lists the year. */
export const DEFAULT_CALENDAR_ID = 'default';
/** Mainland China: the one region whose official days are kept (chinese-days). */
const OFFICIAL_REGION = 'cn-mainland';

/** What a refresh of the official days did: the data it read, and the calendars it moved on. */
export interface OfficialRefresh {
  readonly source: string;
  readonly years: readonly number[];
  /** Years holding the statutory days alone: their arrangement is not in the package yet. */
  readonly provisionalYears: readonly number[];
  readonly officialChanged: boolean;
  /** Years left as a later release of the data package stored them: the one read is earlier (a release rolled back). */
  readonly keptNewer: readonly KeptYear[];
  /**
   * Years left as stored because the reading does not replace them: it carries none of their days
   * (a provisional year that passed unpublished) or only their statutory days over an arrangement.
   */
  readonly keptUnreplaced: readonly KeptYear[];
  /** Stored years the reading replaced with fewer days off (holidays removed, 调休 days added to a published year): days off that became working days. */
  readonly holidaysRemoved: readonly ThinnedYear[];
  readonly calendars: readonly { readonly id: string; readonly version: number }[];
  /** Calendars stored before the rules they break, left as they are: a corrected document put over one takes the official days. */
  readonly needingCorrection: readonly { readonly id: string; readonly version: number }[];
}

/** A data package that publishes no year at all is a damaged install, not a calendar to apply. */
export class OfficialDaysUnusableError extends Error {
  override readonly name = 'OfficialDaysUnusableError';
}
const NewVersionRow = Type.Object({ version: Type.Integer() });

/**
 * The business calendars (table `business_calendars`). SLA clocks read a calendar for every
 * deadline, so parsed calendars are kept in memory per id and version; a PUT through this store
 * updates its own cache at once, other replicas' caches catch up within CALENDAR_CACHE_FRESH_MS.
 */
@Injectable()
export class CalendarStore {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly dataSource: DataSource) {}

  /** Throws DomainError CALENDAR.NOT_FOUND when there is no calendar with this id. */
  async get(id: string, db: Queryable = this.dataSource): Promise<BusinessCalendar> {
    return (await this.getWithVersion(id, db)).calendar;
  }

  /** `db`: the caller's transaction, when it is in one (see CalendarSource). */
  async getWithVersion(id: string, db: Queryable = this.dataSource): Promise<StoredCalendar> {
    const checkedAt = this.now();
    const cached = this.cache.get(id);
    if (cached && checkedAt - cached.checkedAt < CALENDAR_CACHE_FRESH_MS) return heldIn(cached);
    // The table's CHECK admits no other id, so there is nothing to look up.
    if (!isCalendarId(id)) throw notFound(id);
    // Versions start at 1, so 0 asks for the document whenever nothing is cached.
    const row = await selectRow(
      db,
      VersionRow,
      'SELECT version, CASE WHEN version = $2 THEN NULL ELSE document END AS document FROM business_calendars WHERE id = $1',
      [id, cached?.version ?? 0],
    );
    if (!row) {
      this.cache.delete(id);
      throw notFound(id);
    }
    if (cached && row.version === cached.version) return heldIn(this.remember(id, cached, checkedAt));
    let calendar: BusinessCalendar;
    try {
      calendar = parseStored(id, row.version, row.document);
    } catch (error) {
      // Remembered as a calendar is: a change catching up to this version, then looking the
      // calendar up, reads it once (policiesAndCalendarsOf, a contact's opening), not twice.
      if (needsCorrection(error)) this.remember(id, { refusal: error, version: row.version }, checkedAt);
      throw error;
    }
    return heldIn(this.remember(id, { calendar, version: row.version }, checkedAt));
  }

  /**
   * Validates `document` and stores it under `id` as the company's document, creating the
   * calendar when there is none; what deadlines use is that document with the official days of
   * the years it does not list when the calendar follows them (`default` does; ADR 0017). Such a
   * calendar keeps as the company's only the years that differ from the official days, so the
   * merged document read and put back leaves every other year following them.
   * `expectedVersion` (from If-Match) must be the current version, else 412; absent means
   * "whatever is current". A document equal to the stored one (after normalisation) changes
   * nothing and keeps the version, so a retried PUT is harmless. A change leaves a job to
   * recompute the deadlines of the open tickets timed by this calendar (ADR 0018).
   */
  async put(
    id: string,
    document: unknown,
    expectedVersion: number | undefined,
    by: string,
  ): Promise<StoredCalendar & { readonly created: boolean }> {
    assertCalendarId(id);
    // Stored normalised: fields outside the format are dropped, as parsing ignores them anyway.
    const at = new Date();
    const company = toCalendarDocument(assertWorkingTime(id, assertNamesHoldNoPersonalData(id, parseOrRefuse(id, document)), 'workingHours', at));
    const companyJson = JSON.stringify(company);
    const outcome = await this.dataSource.transaction(async (tx) => {
      const official = await this.officialDays(tx);
      // A calendar following the official days keeps as the company's only the years that differ from them.
      const ownJson = official ? JSON.stringify(withoutOfficialYears(company, official)) : companyJson;
      // Twice at most: a concurrent PUT may create the calendar between the look and the insert.
      for (let attempt = 0; attempt < 2; attempt++) {
        const current = await selectRow(
          tx,
          LockedRow,
          `SELECT version, follows_official, company_document = CASE WHEN follows_official THEN $3::jsonb ELSE $2::jsonb END AS unchanged
             FROM business_calendars WHERE id = $1 FOR UPDATE`,
          [id, companyJson, ownJson],
        );
        if (current) {
          assertVersion(id, current.version, expectedVersion);
          const effective = effectiveCalendar(company, current.follows_official ? official : undefined);
          if (current.unchanged) return { version: current.version, created: false, calendar: effective };
          const updated = await selectRow(
            tx,
            NewVersionRow,
            // Wrapped in a SELECT because TypeORM answers a bare UPDATE … RETURNING with [rows, count].
            `WITH updated AS (
               UPDATE business_calendars
                  SET company_document = $2::jsonb, document = $3::jsonb, version = version + 1, updated_at = $4, updated_by = $5
                WHERE id = $1 RETURNING version
             ) SELECT version FROM updated`,
            [id, current.follows_official ? ownJson : companyJson, JSON.stringify(toCalendarDocument(effective)), at, by],
          );
          if (!updated) throw new Error(`business calendar "${id}" vanished while locked`);
          await this.leaveRecomputeJob(tx, id, updated.version, at);
          return { version: updated.version, created: false, calendar: effective };
        }
        // If-Match names a representation; a calendar that does not exist has none to match.
        if (expectedVersion !== undefined) assertVersion(id, undefined, expectedVersion);
        const followsOfficial = id === DEFAULT_CALENDAR_ID;
        const effective = effectiveCalendar(company, followsOfficial ? official : undefined);
        const inserted = await selectRow(
          tx,
          NewVersionRow,
          `WITH inserted AS (
             INSERT INTO business_calendars (id, company_document, document, follows_official, version, updated_at, updated_by)
             VALUES ($1, $2::jsonb, $3::jsonb, $4, 1, $5, $6)
             ON CONFLICT (id) DO NOTHING RETURNING version
           ) SELECT version FROM inserted`,
          [id, followsOfficial ? ownJson : companyJson, JSON.stringify(toCalendarDocument(effective)), followsOfficial, at, by],
        );
        if (inserted) return { version: inserted.version, created: true, calendar: effective };
        // ON CONFLICT waited for the other PUT to commit; the next look sees and locks its row.
      }
      throw new Error(`business calendar "${id}" could be neither created nor locked`);
    });
    this.remember(id, { calendar: outcome.calendar, version: outcome.version }, this.now());
    return outcome;
  }

  /**
   * Replaces the official days (what the data package says now) and brings every calendar that
   * follows them up to date, each changed one at a new version with a recompute job. Running it
   * again with the same data changes nothing.
   */
  async refreshOfficial(official: PublishedOfficialDays, by: string): Promise<OfficialRefresh> {
    // Applied, it would take every official holiday out of the calendars that follow them and
    // move their open tickets' deadlines onto Spring Festival and National Day.
    if (official.years.length === 0 || official.holidays.length === 0) {
      throw new OfficialDaysUnusableError(`${official.source} publishes no official holiday of any year (a damaged install?): the official days were left as they are`);
    }
    const at = new Date();
    const refreshed = await this.dataSource.transaction(async (tx) => {
      // The table, not the row: before the first refresh there is no row to lock, and a PUT's
      // FOR SHARE (officialDays) found nothing to wait for and stored its calendar without the
      // days this refresh was writing. EXCLUSIVE lets plain reads through and makes every FOR
      // SHARE, another refresh's too, wait for the commit, row or no row.
      await execute(tx, 'LOCK TABLE official_calendar_days IN EXCLUSIVE MODE');
      const row = await selectRow(tx, OfficialRow, 'SELECT days, years, source FROM official_calendar_days WHERE region = $1', [OFFICIAL_REGION]);
      const previous = row && stampedOfficialDays(row);
      const merged = mergeOfficialYears(previous, { ...official, published: official.years });
      const days = plainOfficialDays(merged.days);
      await execute(
        tx,
        `INSERT INTO official_calendar_days (region, days, years, source, refreshed_at) VALUES ($1, $2::jsonb, $3, $4, $5)
         ON CONFLICT (region) DO UPDATE SET days = EXCLUDED.days, years = EXCLUDED.years, source = EXCLUDED.source, refreshed_at = EXCLUDED.refreshed_at`,
        [OFFICIAL_REGION, JSON.stringify({ ...days, sources: merged.days.sources }), merged.days.published, official.source, at],
      );
      const following = await selectRows(
        tx,
        FollowingRow,
        'SELECT id, version, company_document FROM business_calendars WHERE follows_official ORDER BY id FOR UPDATE',
        [],
      );
      const changed: { id: string; calendar: BusinessCalendar; version: number }[] = [];
      const needingCorrection: { id: string; version: number }[] = [];
      for (const row of following) {
        // Passed by rather than failing the refresh, which the deployment's migration step runs:
        // the PUT that corrects it merges the official days stored here.
        const parsed = parsedOrNeedingCorrection(row.id, row.version, row.company_document);
        if (!parsed) {
          needingCorrection.push({ id: row.id, version: row.version });
          continue;
        }
        const stored = toCalendarDocument(parsed);
        // A year the company's document lists as the data listed it (a merged document put back
        // before such years were left out) was never the company's: it takes what the data says now.
        const own = previous ? withoutOfficialYears(stored, plainOfficialDays(previous)) : stored;
        const calendar = effectiveCalendar(own, days);
        const updated = await selectRow(
          tx,
          NewVersionRow,
          `WITH updated AS (
             UPDATE business_calendars SET company_document = $5::jsonb, document = $2::jsonb, version = version + 1, updated_at = $3, updated_by = $4
              WHERE id = $1 AND document <> $2::jsonb RETURNING version
           ) SELECT version FROM updated`,
          [row.id, JSON.stringify(toCalendarDocument(calendar)), at, by, JSON.stringify(own)],
        );
        if (!updated) continue;
        await this.leaveRecomputeJob(tx, row.id, updated.version, at);
        changed.push({ id: row.id, calendar, version: updated.version });
      }
      return { merged, changed, needingCorrection };
    });
    for (const { id, calendar, version } of refreshed.changed) this.remember(id, { calendar, version }, this.now());
    return {
      source: official.source,
      years: refreshed.merged.days.published,
      provisionalYears: refreshed.merged.provisional,
      officialChanged: refreshed.merged.changed,
      keptNewer: refreshed.merged.kept,
      keptUnreplaced: refreshed.merged.unreplaced,
      holidaysRemoved: refreshed.merged.thinned,
      calendars: refreshed.changed.map(({ id, version }) => ({ id, version })),
      needingCorrection: refreshed.needingCorrection,
    };
  }

  /** The calendar at `version` or later, read from the table when the cache holds an older one; `db` as for `getWithVersion`. */
  async getAtLeast(id: string, version: number, db: Queryable = this.dataSource): Promise<StoredCalendar> {
    const cached = this.cache.get(id);
    if (cached && cached.version < version) this.cache.set(id, { ...cached, checkedAt: Number.NEGATIVE_INFINITY });
    return this.getWithVersion(id, db);
  }

  /**
   * Brings the cache to `version` or later, as `getAtLeast`; a calendar stored before the rules it
   * breaks is left there, to refuse only the tickets it times when each looks it up.
   */
  async catchUp(id: string, version: number, db: Queryable = this.dataSource): Promise<void> {
    await this.getAtLeast(id, version, db).catch((error: unknown) => {
      if (!needsCorrection(error)) throw error;
    });
  }

  /**
   * The official days, held (shared) until the PUT commits: a refresh locks their table from before
   * it replaces them until it has moved the calendars on, so a PUT waits for it and merges the
   * days it wrote, the first refresh's too, when there was no row to hold; and a refresh waits for
   * a PUT that read them. Read plainly, a PUT that began while a refresh waited for the calendar's
   * row merged the days the refresh was replacing and stored them over its version once it got the
   * row. Both take this table before any calendar's row, so neither waits for the other in a circle.
   */
  private async officialDays(tx: EntityManager): Promise<OfficialDays | undefined> {
    const row = await selectRow(tx, OfficialRow, 'SELECT days, years, source FROM official_calendar_days WHERE region = $1 FOR SHARE', [OFFICIAL_REGION]);
    return row && plainOfficialDays(row.days);
  }

  private async leaveRecomputeJob(tx: EntityManager, id: string, version: number, at: Date): Promise<void> {
    await execute(
      tx,
      'INSERT INTO calendar_recompute_jobs (calendar_id, version, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [id, version, at],
    );
  }

  /** The clock the cache's freshness is measured by; a seam for tests. */
  protected now(): number {
    return Date.now();
  }

  /** Never replaces a newer version: a slow read may finish after a PUT has been remembered. Returns what the cache then holds. */
  private remember(id: string, stored: StoredCalendar | { readonly refusal: DomainError; readonly version: number }, checkedAt: number): CacheEntry {
    const existing = this.cache.get(id);
    if (existing && existing.version > stored.version) return existing;
    const entry: CacheEntry = { ...stored, checkedAt };
    this.cache.set(id, entry);
    return entry;
  }
}

function notFound(id: string): DomainError {
  return new DomainError('CALENDAR.NOT_FOUND', 'not_found', `there is no business calendar "${id}"`, 'calendarId', {
    calendarId: id,
  });
}

function assertVersion(id: string, currentVersion: number | undefined, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === currentVersion) return;
  throw versionConflict(
    'CALENDAR.VERSION_CONFLICT',
    currentVersion === undefined
      ? `business calendar "${id}" does not exist, so it cannot be at version ${expectedVersion}; send no If-Match to create it`
      : `business calendar "${id}" is at version ${currentVersion}, not ${expectedVersion}: someone else changed it; reload it and edit again`,
    currentVersion,
    IF_MATCH,
    { calendarId: id },
  );
}

/**
 * Every problem becomes an entry of the problem's `errors` (422), with the document path as
 * the field (`workingHours.mon[1][0]`; '' is the document as a whole).
 */
function parseOrRefuse(id: string, document: unknown): BusinessCalendar {
  try {
    return parseCalendar(document);
  } catch (error) {
    if (!(error instanceof CalendarValidationError)) throw error;
    const count = error.problems.length;
    throw new DomainError(
      'CALENDAR.INVALID',
      'invalid',
      `business calendar "${id}" is not valid: ${count} problem${count === 1 ? '' : 's'}, each listed in errors`,
      undefined,
      { calendarId: id, errors: error.problems.map((p) => ({ field: p.path, message: p.message })) },
    );
  }
}

/**
 * Documents were validated before they were stored; failing now means the format's rules changed
 * since (more than 8 intervals a day, a name over 100 characters: what calendar.published.v1 cannot
 * carry). Such a calendar is not counted by: callbacks, knowledge and reporting never receive it,
 * so tickets would time by a calendar they do not know. Refused (422) naming `calendarId` until
 * an admin puts a corrected document, which replaces it without reading it.
 */
function parseStored(id: string, version: number, document: unknown): BusinessCalendar {
  try {
    return parseCalendar(document);
  } catch (error) {
    if (!(error instanceof CalendarValidationError)) throw error;
    throw new DomainError(
      'CALENDAR.NEEDS_CORRECTION',
      'invalid',
      `business calendar "${id}" (version ${version}) was stored before the rules it now breaks and cannot be counted by or published: ` +
        `correct it with PUT /v1/calendars/${id}; each problem is listed in errors`,
      'calendarId',
      { calendarId: id, version, errors: error.problems.map((p) => ({ field: p.path, message: p.message })) },
    );
  }
}

/** Whether `error` refuses a calendar stored before the rules it breaks (`CALENDAR.NEEDS_CORRECTION`). */
export function needsCorrection(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'CALENDAR.NEEDS_CORRECTION';
}

/** The stored calendar, or undefined when it is one stored before the rules it breaks. */
function parsedOrNeedingCorrection(id: string, version: number, document: unknown): BusinessCalendar | undefined {
  try {
    return parseStored(id, version, document);
  } catch (error) {
    if (needsCorrection(error)) return undefined;
    throw error;
  }
}

/** The stored official days, each year stamped with its release: the row's own `source` for a year written before the stamps. */
function stampedOfficialDays(row: Static<typeof OfficialRow>): StampedOfficialDays {
  const { holidays, workingDays, sources = {} } = row.days;
  const years = new Set([...holidays, ...workingDays].map((day) => day.date.slice(0, 4)));
  return { holidays, workingDays, published: row.years, sources: Object.fromEntries([...years].map((year) => [year, sources[year] ?? row.source])) };
}

/** The days alone, as calendars merge them. */
function plainOfficialDays({ holidays, workingDays }: OfficialDays): OfficialDays {
  return { holidays, workingDays };
}

/** The company's document with the official days it does not decide; the merge is valid by construction. */
function effectiveCalendar(company: CalendarDocument, official: OfficialDays | undefined): BusinessCalendar {
  return official ? parseCalendar(withOfficialDays(company, official)) : parseCalendar(company);
}
