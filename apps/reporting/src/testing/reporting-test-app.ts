import type { Provider, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import type { DomainEvent } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica, LOGGER, ProblemDetailsFilter, createValidationPipe } from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, throwawaySchema } from '@cs/testing';
import { KpiQuery } from '../application/kpi-query';
import { projectEvent } from '../application/project-event';
import { WorkingCalendar } from '../application/working-calendar';
import { MIGRATIONS } from '../infrastructure/migrations';

export interface ReportingTestApp {
  readonly db: ThrowawaySchema;
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * Reporting's controllers over a throwaway schema holding the read model of the given events,
 * with what every figure needs (the KPI query and the working calendar) and the providers a
 * test adds.
 */
export async function reportingTestApp(
  schema: string,
  events: readonly DomainEvent[],
  controllers: Type<unknown>[],
  providers: Provider[] = [],
): Promise<ReportingTestApp> {
  const db = await throwawaySchema(schema, MIGRATIONS);
  for (const event of events) await db.dataSource.transaction((tx) => projectEvent(event, tx));
  const app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers,
    providers: [
      { provide: LOGGER, useValue: createLogger('reporting', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      KpiQuery,
      WorkingCalendar,
      CalendarReplica,
      ...providers,
    ],
    pipes: [createValidationPipe()],
  });
  return {
    db,
    app,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
