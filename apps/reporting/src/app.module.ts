import { Module } from '@nestjs/common';
import { CalendarReplicaModule, PlatformModule } from '@cs/platform';
import { KpisController } from './api/kpis.controller';
import { ProjectionEventsController } from './api/projection-events.controller';
import { ProjectionsController } from './api/projections.controller';
import { ReportsController } from './api/reports.controller';
import { PraiseController, ScorecardSchemesController, ScorecardsController, SpotChecksController } from './api/scorecards.controller';
import { ComposeMonthlyReport } from './application/compose-monthly-report';
import { GenerateReports } from './application/generate-reports';
import { KpiQuery } from './application/kpi-query';
import { MaintainRollups } from './application/maintain-rollups';
import { LiveProjection } from './application/live-projection';
import { RebuildProjections } from './application/rebuild-projections';
import { Scorecards } from './application/scorecards';
import { SummarizeTickets } from './application/summarize-tickets';
import { WorkingCalendar } from './application/working-calendar';
import { MIGRATIONS } from './infrastructure/migrations';

/** 统计报表 — read models built only from events: KPIs, scorecards, exports. */
@Module({
  imports: [PlatformModule.forService({ service: 'reporting', migrations: MIGRATIONS, planEachExecution: true }), CalendarReplicaModule],
  controllers: [
    ReportsController,
    KpisController,
    ScorecardsController,
    ScorecardSchemesController,
    SpotChecksController,
    PraiseController,
    ProjectionsController,
    ProjectionEventsController,
  ],
  providers: [SummarizeTickets, KpiQuery, WorkingCalendar, ComposeMonthlyReport, Scorecards, RebuildProjections, LiveProjection, GenerateReports, MaintainRollups],
})
export class AppModule {}
