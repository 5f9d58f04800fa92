import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, presentProps } from '@cs/ddd';
import { redactOptional } from '@cs/privacy';
import type { AttemptReport } from '../domain/callback-decide';
import type { CallbackTask } from '../domain/callback-task';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { CallbackWriter } from './callback-writer';

export const callbackNotFound = (id: string) => new DomainError('CALLBACK.NOT_FOUND', 'not_found', `callback ${id} not found`);

/**
 * One attempt to reach the customer: unanswered ones are retried per policy until the callback
 * fails; a reached customer's verdict completes it (a dissatisfied one reopens the ticket).
 * Free text is redacted before it is stored or published.
 */
@Injectable()
export class RecordAttempt {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callbacks: CallbackRepository,
    private readonly writer: CallbackWriter,
  ) {}

  execute(id: string, report: AttemptReport, projects: readonly string[] | undefined, by: string, at = new Date()): Promise<CallbackTask> {
    const redacted: AttemptReport = {
      ...report,
      ...presentProps({ comment: redactOptional(report.comment), newNeeds: redactOptional(report.newNeeds) }),
    };
    return this.dataSource.transaction(async (tx) => {
      const task = await this.callbacks.lock(tx, id, projects);
      if (!task) throw callbackNotFound(id);
      return this.writer.decideAndSave(tx, task, { action: 'record_attempt', report: redacted }, by, at);
    });
  }
}
