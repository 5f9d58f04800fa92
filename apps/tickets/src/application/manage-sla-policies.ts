import { Injectable } from '@nestjs/common';
import { type BusinessCalendar, assertWorkingTime } from '@cs/business-calendar';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import type { SlaPolicy } from '../domain/sla-policy';
import { assertPoliciesWithinHorizon } from '../domain/calendar-limits';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { CalendarSource } from './calendar-source';

/**
 * The SLA policy list, replaced as a whole by an admin. Policies apply to tickets opened after
 * the change; a ticket keeps the clocks it started with.
 */
@Injectable()
export class ManageSlaPolicies {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: SlaPolicyRepository,
  ) {}

  list(): Promise<{ version: number; policies: SlaPolicy[] }> {
    return this.policies.list(this.dataSource.manager);
  }

  async replace(
    policies: readonly SlaPolicy[],
    expectedVersion: number | undefined,
    calendars: CalendarSource,
    now = new Date(),
  ): Promise<{ version: number; policies: SlaPolicy[] }> {
    // Every calendar a policy names must exist and work from now on, or its tickets could not be timed.
    const named = new Map<string, BusinessCalendar>();
    for (const [i, { calendarId }] of policies.entries()) {
      const field = `policies[${i}].calendarId`;
      named.set(calendarId, assertWorkingTime(calendarId, named.get(calendarId) ?? (await namedCalendar(calendars, calendarId, field)), field, now));
    }
    assertPoliciesWithinHorizon(policies, (id) => named.get(id)!);
    return this.dataSource.transaction(async (tx) => {
      await this.policies.replace(tx, policies, expectedVersion);
      return this.policies.list(tx);
    });
  }
}

/**
 * The calendar a policy names. One that does not exist is the request's mistake, said of the
 * policy that names it (422): the policy list itself is there, so it is no 404.
 */
async function namedCalendar(calendars: CalendarSource, calendarId: string, field: string): Promise<BusinessCalendar> {
  try {
    return await calendars.get(calendarId);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A calendar stored before the rules it breaks is said of the policy naming it, not of a calendarId the body lacks.
    if (error.code === 'CALENDAR.NEEDS_CORRECTION') throw new DomainError(error.code, error.kind, error.message, field, error.details);
    if (error.code !== 'CALENDAR.NOT_FOUND') throw error;
    throw new DomainError('SLA.UNKNOWN_CALENDAR', 'invalid', `there is no business calendar "${calendarId}"`, field, { calendarId }, { code: 'unknown_reference' });
  }
}
