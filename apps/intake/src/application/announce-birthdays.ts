import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerBirthdayV1 } from '@cs/contracts';
import { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, OUTBOX } from '@cs/platform';
import { localDate, monthDaysCelebratedOn } from '../domain/birthday';
import { CustomerRepository } from '../infrastructure/customer.repository';

/** The day changes at midnight in the company's timezone; a check every few minutes is soon enough. */
const CHECK_EVERY_MS = 5 * 60_000;
export const BIRTHDAY_TIMEZONE = 'Asia/Shanghai';

/**
 * 生日关怀 — once a day (in the company's timezone) announces `customer.birthday` for every
 * customer whose birthday it is, found by the blind index of the month-day. The day is claimed
 * with a row in `birthday_runs` in the same transaction as the events, so it is announced once
 * across replicas and restarts. Nothing personal leaves: the event carries the customer's id,
 * projects and the day, never the birth date, and nothing about it is logged.
 */
@Injectable()
export class AnnounceBirthdays extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('announcing birthdays', logger, CHECK_EVERY_MS);
  }

  /** Announces the birthdays of the day it is at `now`, unless that day was announced already; returns how many. */
  async announceDue(now = new Date()): Promise<number> {
    const day = localDate(now, BIRTHDAY_TIMEZONE);
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.customers.claimBirthdayRun(tx, day, now))) return 0;
      let announced = 0;
      for (const c of await this.customers.findBirthdays(tx, monthDaysCelebratedOn(day))) {
        // A customer without a unit belongs to no project: no plan could greet them.
        if (c.projectCodes.length === 0) continue;
        await this.outbox.append(tx, CustomerBirthdayV1, c.customerId, { customerId: c.customerId, projectCodes: c.projectCodes, date: day });
        announced += 1;
      }
      await this.customers.recordBirthdayRun(tx, day, announced);
      if (announced > 0) this.logger.info({ day, announced }, 'birthdays announced');
      return announced;
    });
  }

  protected async poll(): Promise<void> {
    await this.announceDue();
  }
}
