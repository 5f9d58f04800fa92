import type { DataSource } from 'typeorm';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { DueWorkFailures } from '../application/due-work-failures';
import { DueWorkPostponementRepository } from '../infrastructure/due-work.repository';

/** Where a test's due-work loops hold back failing subjects: the real table, a metrics registry of the test's own. */
export function dueWorkFailures(dataSource: DataSource, metrics = new ServiceMetrics('tickets')): DueWorkFailures {
  return new DueWorkFailures(dataSource, new DueWorkPostponementRepository(), metrics, createLogger('tickets', 'silent'));
}
