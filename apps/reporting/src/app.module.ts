import { Module } from '@nestjs/common';
import { CalendarReplicaModule, PlatformModule } from '@cs/platform';
import { KpisController } from './api/kpis.controller';
import { ProjectionEventsController } from './api/projection-events.controller';
import { ReportsController } from './api/reports.controller';
import { ComposeMonthlyReport } from './application/compose-monthly-report';
import { KpiQuery } from './application/kpi-query';
import { SummarizeTickets } from './application/summarize-tickets';
import { WorkingCalendar } from './application/working-calendar';

/** 统计报表 — read models built only from events: KPIs, scorecards, exports. */
@Module({
  imports: [PlatformModule.forService({ service: 'reporting' }), CalendarReplicaModule],
  controllers: [ReportsController, KpisController, ProjectionEventsController],
  providers: [SummarizeTickets, KpiQuery, WorkingCalendar, ComposeMonthlyReport],
})
export class AppModule {}
