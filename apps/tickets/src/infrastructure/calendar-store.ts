import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar, CalendarValidationError, parseCalendar, toCalendarDocument } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { assertCalendarId, isCalendarId } from '../domain/calendar-id';
import { Type } from '@sinclair/typebox';
import { selectRow } from '@cs/persistence';

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

interface CacheEntry extends StoredCalendar {
  readonly checkedAt: number;
}

/** `document` is null when it is the version the caller already has: no need to ship and parse it again. */
const VersionRow = Type.Object({ version: Type.Integer(), document: Type.Unknown() });
const LockedRow = Type.Object({ version: Type.Integer(), unchanged: Type.Boolean() });
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
  async get(id: string): Promise<BusinessCalendar> {
    return (await this.getWithVersion(id)).calendar;
  }

  async getWithVersion(id: string): Promise<StoredCalendar> {
    const checkedAt = this.now();
    const cached = this.cache.get(id);
    if (cached && checkedAt - cached.checkedAt < CALENDAR_CACHE_FRESH_MS) return { calendar: cached.calendar, version: cached.version };
    // The table's CHECK admits no other id, so there is nothing to look up.
    if (!isCalendarId(id)) throw notFound(id);
    // Versions start at 1, so 0 asks for the document whenever nothing is cached.
    const row = await selectRow(
      this.dataSource,
      VersionRow,
      'SELECT version, CASE WHEN version = $2 THEN NULL ELSE document END AS document FROM business_calendars WHERE id = $1',
      [id, cached?.version ?? 0],
    );
    if (!row) {
      this.cache.delete(id);
      throw notFound(id);
    }
    if (cached && row.version === cached.version) {
      return this.remember(id, { calendar: cached.calendar, version: cached.version }, checkedAt);
    }
    return this.remember(id, { calendar: parseStored(id, row.version, row.document), version: row.version }, checkedAt);
  }

  /**
   * Validates `document` and stores it under `id`, creating the calendar when there is none.
   * `expectedVersion` (from If-Match) must be the current version, else 412; absent means
   * "whatever is current". A document equal to the stored one (after normalisation) changes
   * nothing and keeps the version, so a retried PUT is harmless.
   */
  async put(
    id: string,
    document: unknown,
    expectedVersion: number | undefined,
    by: string,
  ): Promise<StoredCalendar & { readonly created: boolean }> {
    assertCalendarId(id);
    const calendar = parseOrRefuse(id, document);
    // Stored normalised: fields outside the format are dropped, as parsing ignores them anyway.
    const json = JSON.stringify(toCalendarDocument(calendar));
    const at = new Date();
    const outcome = await this.dataSource.transaction(async (tx) => {
      // Twice at most: a concurrent PUT may create the calendar between the look and the insert.
      for (let attempt = 0; attempt < 2; attempt++) {
        const current = await selectRow(
          tx,
          LockedRow,
          'SELECT version, document = $2::jsonb AS unchanged FROM business_calendars WHERE id = $1 FOR UPDATE',
          [id, json],
        );
        if (current) {
          assertVersion(id, current.version, expectedVersion);
          if (current.unchanged) return { version: current.version, created: false };
          const updated = await selectRow(
            tx,
            NewVersionRow,
            // Wrapped in a SELECT because TypeORM answers a bare UPDATE … RETURNING with [rows, count].
            `WITH updated AS (
               UPDATE business_calendars SET document = $2::jsonb, version = version + 1, updated_at = $3, updated_by = $4
                WHERE id = $1 RETURNING version
             ) SELECT version FROM updated`,
            [id, json, at, by],
          );
          if (!updated) throw new Error(`business calendar "${id}" vanished while locked`);
          return { version: updated.version, created: false };
        }
        // If-Match names a representation; a calendar that does not exist has none to match.
        if (expectedVersion !== undefined) assertVersion(id, undefined, expectedVersion);
        const inserted = await selectRow(
          tx,
          NewVersionRow,
          `WITH inserted AS (
             INSERT INTO business_calendars (id, document, version, updated_at, updated_by) VALUES ($1, $2::jsonb, 1, $3, $4)
             ON CONFLICT (id) DO NOTHING RETURNING version
           ) SELECT version FROM inserted`,
          [id, json, at, by],
        );
        if (inserted) return { version: inserted.version, created: true };
        // ON CONFLICT waited for the other PUT to commit; the next look sees and locks its row.
      }
      throw new Error(`business calendar "${id}" could be neither created nor locked`);
    });
    this.remember(id, { calendar, version: outcome.version }, this.now());
    return { calendar, ...outcome };
  }

  /** The clock the cache's freshness is measured by; a seam for tests. */
  protected now(): number {
    return Date.now();
  }

  /** Never replaces a newer version: a slow read may finish after a PUT has been remembered. */
  private remember(id: string, stored: StoredCalendar, checkedAt: number): StoredCalendar {
    const existing = this.cache.get(id);
    if (existing && existing.version > stored.version) return { calendar: existing.calendar, version: existing.version };
    this.cache.set(id, { ...stored, checkedAt });
    return stored;
  }
}

function notFound(id: string): DomainError {
  return new DomainError('CALENDAR.NOT_FOUND', 'not_found', `there is no business calendar "${id}"`, 'calendarId', {
    calendarId: id,
  });
}

function assertVersion(id: string, currentVersion: number | undefined, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === currentVersion) return;
  throw new DomainError(
    'CALENDAR.VERSION_CONFLICT',
    'precondition_failed',
    currentVersion === undefined
      ? `business calendar "${id}" does not exist, so it cannot be at version ${expectedVersion}; send no If-Match to create it`
      : `business calendar "${id}" is at version ${currentVersion}, not ${expectedVersion}: someone else changed it; reload it and edit again`,
    'If-Match',
    { calendarId: id, ...(currentVersion === undefined ? {} : { currentVersion }) },
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

/** Documents were validated before they were stored; failing now means the format's rules changed. */
function parseStored(id: string, version: number, document: unknown): BusinessCalendar {
  try {
    return parseCalendar(document);
  } catch (error) {
    throw new Error(`stored business calendar "${id}" version ${version} is no longer valid`, { cause: error });
  }
}
