import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import { assertWorkingTime } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import type { CallbackPolicy } from '../domain/callback-policy';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';

/** The callback policies, replaced as a whole; they apply to resolutions after the change. */
@Injectable()
export class ManageCallbackPolicies {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: CallbackPolicyRepository,
    private readonly calendars: CalendarReplica,
  ) {}

  list(): Promise<{ version: number; policies: CallbackPolicy[] }> {
    return this.policies.list(this.dataSource.manager);
  }

  async replace(policies: readonly CallbackPolicy[], expectedVersion: number | undefined, now = new Date()): Promise<{ version: number; policies: CallbackPolicy[] }> {
    // A policy naming a calendar this service has never received, or one without working time from
    // now on, could never time its callbacks: every resolution it fits would be refused.
    for (const [i, policy] of policies.entries()) {
      const calendar = await this.calendars.get(policy.calendarId).catch((error: unknown) => {
        if (!(error instanceof CalendarNotReceivedError)) throw error;
        throw new DomainError('CALLBACK_POLICY.UNKNOWN_CALENDAR', 'invalid', `calendar ${policy.calendarId} is not known`, `policies[${i}].calendarId`, undefined, {
          code: 'unknown_reference',
        });
      });
      assertWorkingTime(policy.calendarId, calendar, `policies[${i}].calendarId`, now);
    }
    return this.dataSource.transaction(async (tx) => {
      await this.policies.replace(tx, policies, expectedVersion);
      return this.policies.list(tx);
    });
  }
}
