import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertWorkingTime } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { CalendarNotReceivedError, CalendarReplica } from '@cs/platform';
import type { CallbackPlan } from '../domain/callback-plan';
import { CallbackPlanRepository, StoredPlan } from '../infrastructure/callback-plan.repository';
import { CallbackWriter } from './callback-writer';

const notFound = (id: string) => new DomainError('CALLBACK_PLAN.NOT_FOUND', 'not_found', `callback plan ${id} not found`);

/** Key-customer and care plans of one project, made, read and stopped within the caller's projects. */
@Injectable()
export class ManageCallbackPlans {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: CallbackPlanRepository,
    private readonly calendars: CalendarReplica,
    private readonly writer: CallbackWriter,
  ) {}

  async create(plan: Omit<CallbackPlan, 'id'>, projects: readonly string[] | undefined, now = new Date()): Promise<StoredPlan> {
    if (projects !== undefined && !projects.includes(plan.projectCode)) {
      throw new DomainError('CALLBACK_PLAN.PROJECT_NOT_SERVED', 'forbidden', `you do not serve project ${plan.projectCode}`, 'projectCode');
    }
    if (plan.trigger === 'birthday' && plan.kind !== 'care') {
      throw new DomainError('CALLBACK_PLAN.BIRTHDAY_NOT_CARE', 'invalid', 'a birthday plan is a care plan (kind care)', 'trigger');
    }
    // Only a calendar never received is the request's fault; a Postgres gone meanwhile stays a 503.
    const calendar = await this.calendars.get(plan.calendarId).catch((error: unknown) => {
      if (!(error instanceof CalendarNotReceivedError)) throw error;
      throw new DomainError('CALLBACK_PLAN.UNKNOWN_CALENDAR', 'invalid', `calendar ${plan.calendarId} is not known`, 'calendarId', undefined, { code: 'unknown_reference' });
    });
    // Every run would be refused counting its callbacks' due times.
    assertWorkingTime(plan.calendarId, calendar, 'calendarId', now);
    const created: CallbackPlan = { ...plan, id: randomUUID() };
    await this.dataSource.transaction((tx) => this.plans.insert(tx, created, now));
    return (await this.plans.find(this.dataSource.manager, created.id, projects))!;
  }

  list(projects: readonly string[] | undefined): Promise<StoredPlan[]> {
    return this.plans.list(this.dataSource.manager, projects);
  }

  async get(id: string, projects: readonly string[] | undefined): Promise<StoredPlan> {
    const plan = await this.plans.find(this.dataSource.manager, id, projects);
    if (!plan) throw notFound(id);
    return plan;
  }

  /** No further runs; the plan's open callbacks are cancelled (callback.cancelled, plan_stopped). */
  async stop(id: string, projects: readonly string[] | undefined, by: string, now = new Date()): Promise<StoredPlan> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.plans.find(tx, id, projects, true))) throw notFound(id);
      await this.plans.stop(tx, id);
      await this.writer.cancelAll(tx, await this.plans.openTasks(tx, id), 'plan_stopped', by, now);
    });
    return this.get(id, projects);
  }
}
