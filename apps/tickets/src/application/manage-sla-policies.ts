import { Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '@cs/business-calendar';
import { DataSource } from 'typeorm';
import type { SlaPolicy } from '../domain/sla-policy';
import { assertPoliciesWithinHorizon, assertWorkingTime } from '../domain/calendar-limits';
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

  async replace(policies: readonly SlaPolicy[], expectedVersion: number | undefined, calendars: CalendarSource): Promise<{ version: number; policies: SlaPolicy[] }> {
    // Every calendar a policy names must exist and work, or its tickets could not be timed.
    const named = new Map<string, BusinessCalendar>();
    for (const [i, { calendarId }] of policies.entries()) {
      named.set(calendarId, assertWorkingTime(calendarId, named.get(calendarId) ?? (await calendars.get(calendarId)), `policies[${i}].calendarId`));
    }
    assertPoliciesWithinHorizon(policies, (id) => named.get(id)!);
    return this.dataSource.transaction(async (tx) => {
      await this.policies.replace(tx, policies, expectedVersion);
      return this.policies.list(tx);
    });
  }
}
