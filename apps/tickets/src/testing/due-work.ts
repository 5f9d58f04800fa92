import type { DataSource } from 'typeorm';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { DueWorkFailures, DueWorkPostponementRepository } from '@cs/platform';

/** Where a test's due-work loops hold back failing subjects: the real table, a metrics registry of the test's own. */
export function dueWorkFailures(dataSource: DataSource, metrics = new ServiceMetrics('tickets')): DueWorkFailures {
  return new DueWorkFailures(dataSource, new DueWorkPostponementRepository(), metrics, createLogger('tickets', 'silent'));
}
