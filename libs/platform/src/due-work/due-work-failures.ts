import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Counter } from 'prom-client';
import { ContractViolationError, type TellOnCommit, tellNow } from '@cs/messaging';
import { DomainError } from '@cs/ddd';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { LOGGER, METRICS } from '../tokens';
import { DueWorkPostponementRepository } from './due-work-postponements';

const FAILURES_METRIC = 'due_work_failures_total';

/**
 * What failed, named without personal data: a broken contract by its event type and the
 * fields it broke, a broken rule by its code, a database error by its SQLSTATE. Messages are
 * never kept — they may quote a customer's text.
 */
export function failureName(error: unknown): string {
  if (error instanceof ContractViolationError) return `contract:${error.eventType}:${error.violations.map((v) => v.path).join(',')}`;
  if (error instanceof DomainError) return `rule:${error.code}`;
  if (typeof error === 'object' && error !== null) {
    const driverError = 'driverError' in error ? error.driverError : undefined;
    const code = typeof driverError === 'object' && driverError !== null && 'code' in driverError ? driverError.code : undefined;
    if (typeof code === 'string') return `sql:${code}`;
  }
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * A subject (a ticket, an incident, a callback) whose due work failed: it is held back with back-off, counted
 * (`due_work_failures_total{work}`) and logged once per failure by id, so the rest of what is
 * due fires and the failure is seen.
 */
@Injectable()
export class DueWorkFailures {
  private readonly failures: Counter<'work'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly postponements: DueWorkPostponementRepository,
    @Inject(METRICS) metrics: ServiceMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // Several loops share one registry; a test may build this more than once on one registry.
    this.failures =
      (metrics.registry.getSingleMetric(FAILURES_METRIC) as Counter<'work'> | undefined) ??
      new Counter({
        name: FAILURES_METRIC,
        help: 'Subjects (tickets, incidents, callbacks, ticket schedules) whose due work (SLA timers, opinion deadlines, owed resolutions, callback deadlines, scheduled tickets, held clocks planned after a calendar correction) failed and was postponed',
        labelNames: ['work'] as const,
        registers: [metrics.registry],
      });
  }

  /**
   * Holds the subject back: in a transaction of its own by default (the one its work ran in was
   * rolled back), or in `tx`, the transaction that goes on to commit the pass its work failed in
   * (the work in a savepoint of it, rolled back), so that no other replica finds the subject
   * neither locked nor held back in between; the count and the warning are then told on its commit.
   */
  async postpone(work: string, subjectId: string, error: unknown, at: Date, tx: EntityManager = this.dataSource.manager, onCommit: TellOnCommit = tellNow): Promise<void> {
    const failure = failureName(error);
    const { failures, retryAt } = await this.postponements.postpone(tx, work, subjectId, failure, at);
    onCommit(() => this.tell(work, subjectId, failure, failures, retryAt));
  }

  private tell(work: string, subjectId: string, failure: string, failures: number, retryAt: Date): void {
    this.failures.inc({ work });
    this.logger.warn({ work, subjectId, failure, failures, retryAt: retryAt.toISOString() }, 'due work failed; postponed, the rest fires');
  }

  /** The subjects' work went through: their back-off is over. */
  succeeded(tx: EntityManager, work: string, subjectIds: readonly string[]): Promise<void> {
    return this.postponements.clear(tx, work, subjectIds);
  }
}
