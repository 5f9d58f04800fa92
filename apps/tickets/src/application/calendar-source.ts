import { BusinessCalendar, hasWorkingTime, noWorkingTime } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import type { EntityManager } from 'typeorm';
import type { Queryable } from '@cs/persistence';
import type { SlaPolicy } from '../domain/sla-policy';
import type { Ticket } from '../domain/ticket';
import type { CalendarLookup } from '../domain/ticket-sla';
import { needsCorrection } from '../infrastructure/calendar-store';
import type { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';

/**
 * Where business calendars come from; the calendar store implements it. A caller inside a
 * transaction passes it as `db`, so the read takes no second connection of the pool: a consumer
 * handling several partitions at once, each in a transaction, would otherwise need two
 * connections per partition.
 */
export interface CalendarSource {
  get(id: string, db?: Queryable): Promise<BusinessCalendar>;
  /** Brings what `get` answers to `version` or later, reading only when it holds an older one; one stored before the rules it breaks is left to refuse on `get`. */
  catchUp(id: string, version: number, db?: Queryable): Promise<void>;
}

export const CALENDAR_SOURCE = Symbol('CALENDAR_SOURCE');

/**
 * Loads the calendars a computation will need, so the pure SLA code can look them up synchronously.
 * A calendar stored before the rules it breaks (CALENDAR.NEEDS_CORRECTION) is refused when it is
 * looked up, not when it is loaded: callers load every policy's calendar (a contact opens its
 * ticket by whichever policy fits it), and one policy's calendar awaiting correction must not
 * stop the tickets timed by the others from opening or their timers from firing. So is one stored
 * without working time before such were refused (422 CALENDAR.NO_WORKING_TIME naming `calendarId`),
 * which would otherwise fail each deadline counted by it with an error no caller answers.
 */
export async function loadCalendars(source: CalendarSource, ids: Iterable<string>, db?: Queryable): Promise<CalendarLookup> {
  const loaded = new Map<string, BusinessCalendar | DomainError>();
  for (const id of new Set(ids)) {
    const calendar = await source.get(id, db).catch(needingCorrection);
    loaded.set(id, calendar instanceof DomainError || hasWorkingTime(calendar) ? calendar : noWorkingTime(id, 'calendarId'));
  }
  return (id) => {
    const calendar = loaded.get(id);
    if (!calendar) throw new Error(`calendar ${id} was not loaded`);
    if (calendar instanceof DomainError) throw calendar;
    return calendar;
  };
}

/** Brings `source` to each calendar's version as a transaction read it (`db`), reading only the calendars it holds older. */
export async function catchUpAll(source: CalendarSource, versions: ReadonlyMap<string, number>, db: Queryable): Promise<void> {
  for (const [id, version] of versions) await source.catchUp(id, version, db);
}

/**
 * What a change of these tickets (or incidents) counts by: their policies, and the calendars their
 * clocks, their policies and `alsoCounting` (a ticket's `default`) name, at the versions those
 * calendars are at in the transaction. The versions come in the statement that reads the
 * policies, and the replica's cache is brought up to them (reading a calendar only when it holds
 * an older one): a change made through another replica in the last CALENDAR_CACHE_FRESH_MS, its
 * walk already past these subjects, would otherwise plan them again by the version before, and
 * nothing would walk them again (ADR 0018). Every change that plans timers goes through here: a
 * ticket's command, timer batch or merge, and an incident's command or timers.
 */
export async function policiesAndCalendarsOf(
  policyRepository: SlaPolicyRepository,
  source: CalendarSource,
  tx: EntityManager,
  subjects: readonly Pick<Ticket, 'policyId' | 'clocks'>[],
  alsoCounting: readonly string[] = ['default'],
): Promise<{ policies: Map<string, SlaPolicy>; calendars: CalendarLookup }> {
  const clockCalendars = [...subjects.flatMap((t) => t.clocks.map((clock) => clock.calendarId)), ...alsoCounting];
  const { policies, calendarVersions } = await policyRepository.findAllWithCalendarVersions(
    tx,
    subjects.flatMap((t) => (t.policyId ? [t.policyId] : [])),
    clockCalendars,
  );
  await catchUpAll(source, calendarVersions, tx);
  const calendars = await loadCalendars(source, [...clockCalendars, ...[...policies.values()].map((p) => p.calendarId)], tx);
  return { policies, calendars };
}

function needingCorrection(error: unknown): DomainError {
  if (needsCorrection(error)) return error;
  throw error;
}

/**
 * Every policy, in order, with the replica's cache brought up to the version of each calendar they
 * name as the transaction sees it (in the statement that reads them): what opens a ticket or
 * declares an incident, whichever policy fits it, counts by (ADR 0018).
 */
export async function countingPolicies(policyRepository: SlaPolicyRepository, source: CalendarSource, tx: EntityManager): Promise<SlaPolicy[]> {
  const { policies, calendarVersions } = await policyRepository.listWithCalendarVersions(tx);
  await catchUpAll(source, calendarVersions, tx);
  return policies;
}

/** For decisions that read no calendar (declaring an incident, a customer's merge or erasure): any lookup is a bug. */
export const NO_CALENDARS: CalendarLookup = (id) => {
  throw new Error(`calendar ${id} was not loaded: this decision reads no calendar`);
};
