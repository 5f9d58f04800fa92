import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateBy } from 'class-validator';
import { KPI_FORMULAS, KpiFigures } from '../domain/kpis';
import { REQUESTED_MONTH, REQUESTED_WEEK, parseBound } from '../domain/period';
import { KpiFiguresView, PercentilesView, ProjectsParam, TopicCountView } from './kpis.dto';

export class WeeklyReportQuery {
  @ApiProperty({ example: '2026-W48', description: 'the ISO week, in the company timezone' })
  @Matches(REQUESTED_WEEK, { context: { params: { format: 'YYYY-Www' } } })
  // Only some years have a week 53 (2026 does, 2027 does not): 400 naming week, never a failed report.
  @ValidateBy(
    { name: 'isIsoWeek', validator: { validate: (value: unknown) => typeof value === 'string' && parseBound(value) !== undefined, defaultMessage: () => '$property must be a week of its year' } },
    { context: { rule: 'invalid_format', params: { format: 'YYYY-Www' } } },
  )
  week!: string;

  @ProjectsParam()
  project?: string;
}

export class MonthlyReportQuery {
  @ApiProperty({ example: '2026-11', description: 'the month, in the company timezone' })
  @Matches(REQUESTED_MONTH, { context: { params: { format: 'YYYY-MM' } } })
  month!: string;

  @ProjectsParam()
  project?: string;
}

const delta = (key: keyof KpiFigures) => ApiProperty({ type: 'number', nullable: true, description: `change of: ${KPI_FORMULAS[key]}; null when either month is undefined` });

export class KpiChangeView {
  @delta('received') received!: number;
  @delta('valid') valid!: number;
  @delta('invalid') invalid!: number;
  @delta('outOfScope') outOfScope!: number;
  @delta('dispatched') dispatched!: number;
  @delta('resolved') resolved!: number;
  @delta('closed') closed!: number;
  @delta('reopened') reopened!: number;
  @delta('escalated') escalated!: number;
  @delta('majorComplaints') majorComplaints!: number;
  @delta('extensions') extensions!: number;
  @delta('incidents') incidents!: number;
  @delta('incidentChildren') incidentChildren!: number;
  @delta('distinctMatters') distinctMatters!: number;
  @delta('resolutionRate') resolutionRate!: number | null;
  @delta('firstResponseOnTimeRate') firstResponseOnTimeRate!: number | null;
  @delta('resolutionOnTimeRate') resolutionOnTimeRate!: number | null;
  @delta('dispatchOnTimeRate') dispatchOnTimeRate!: number | null;
  @delta('onSiteOnTimeRate') onSiteOnTimeRate!: number | null;
  @delta('satisfactionRate') satisfactionRate!: number | null;
  @delta('callbackCompletionRate') callbackCompletionRate!: number | null;
  @delta('callbackOnTimeRate') callbackOnTimeRate!: number | null;
  @delta('reopenRate') reopenRate!: number | null;
  @delta('knowledgeAnswerUsageRate') knowledgeAnswerUsageRate!: number | null;
  @delta('answerAccuracyRate') answerAccuracyRate!: number | null;
  @delta('recordCompletenessRate') recordCompletenessRate!: number | null;
  @ApiProperty({ type: PercentilesView }) firstResponseMinutes!: PercentilesView;
  @ApiProperty({ type: PercentilesView }) resolutionMinutes!: PercentilesView;
}

export class ComparedFiguresView {
  @ApiProperty({ type: KpiFiguresView, description: 'this month' }) current!: KpiFiguresView;
  @ApiProperty({ type: KpiFiguresView, description: 'the month before' }) previous!: KpiFiguresView;
  @ApiProperty({ type: KpiChangeView, description: 'current − previous' }) change!: KpiChangeView;
}

export class ComparedGroupView extends ComparedFiguresView {
  @ApiProperty({ example: 'complaint' }) key!: string;
}

export class CallbackStatisticsRowView {
  @ApiProperty({ example: 'complaint', description: 'catalogue section of the callbacks; `total` for the sum row' }) section!: string;
  @ApiProperty({ type: 'integer', description: 'due in the month, cancelled ones excepted' }) due!: number;
  @ApiProperty({ type: 'integer' }) completed!: number;
  @ApiProperty({ type: 'integer', description: 'completed with the customer satisfied (非常满意 or 满意)' }) satisfied!: number;
  @ApiProperty({ type: 'integer', description: 'completed with a lower verdict; a care call completed with none is neither' }) dissatisfied!: number;
  @ApiProperty({ type: 'integer', description: 'completed no later than due' }) onTime!: number;
  @ApiProperty({ type: 'integer', description: 'every attempt unanswered or refused' }) failed!: number;
  @ApiProperty({ type: 'integer', description: 'passed the due time while pending' }) overdue!: number;
  @ApiProperty({ type: 'integer' }) cancelled!: number;
  @ApiProperty({ type: 'integer', description: 'still scheduled' }) pending!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'completed / due' }) completionRate!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'satisfied / (satisfied + dissatisfied)' }) satisfactionRate!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'onTime / completed' }) onTimeRate!: number | null;
}

export class CallbackStatisticsView {
  @ApiProperty({ type: [CallbackStatisticsRowView] }) rows!: CallbackStatisticsRowView[];
  @ApiProperty({ type: CallbackStatisticsRowView }) total!: CallbackStatisticsRowView;
}


export class EscalationView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ example: 'TK-20261102-000123' }) number!: string;
  @ApiProperty({ type: 'string', nullable: true }) projectCode!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) itemCode!: string | null;
  @ApiProperty({ description: 'first-contact owner' }) agent!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2, description: 'highest escalation level; 0 for a major complaint not escalated' }) level!: number;
  @ApiProperty() majorComplaint!: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty() resolved!: boolean;
}

export class IncidentSummaryView {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ example: 'INC-20261105-0001' }) number!: string;
  @ApiProperty({ example: 'P001' }) projectCode!: string;
  @ApiProperty({ type: 'string', nullable: true, example: '3' }) building!: string | null;
  @ApiProperty({ example: 'repair.public_area' }) itemCode!: string;
  @ApiProperty({ example: '3栋1号电梯停运' }) title!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'engineering' }) department!: string | null;
  @ApiProperty({ format: 'date-time' }) declaredAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'elapsed minutes from declaration to resolution; null while open' }) durationMinutes!: number | null;
  @ApiProperty({ type: 'integer', description: 'tickets joined to it: the customers who called about it' }) children!: number;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'whether one of its SLA clocks missed its deadline; null while open' }) breached!: boolean | null;
}

export class MonthlyReportView {
  @ApiProperty({ enum: ['monthly', 'weekly'] }) kind!: 'monthly' | 'weekly';
  @ApiProperty({ example: '2026-11', description: 'the month (2026-11) or ISO week (2026-W48)' }) period!: string;
  @ApiProperty({ example: '2026-10', description: 'the period compared with' }) previousPeriod!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: ComparedFiguresView }) kpis!: ComparedFiguresView;
  @ApiProperty({ type: [ComparedGroupView] }) bySection!: ComparedGroupView[];
  @ApiProperty({ type: [ComparedGroupView] }) byProject!: ComparedGroupView[];
  @ApiProperty({ type: CallbackStatisticsView, description: '回访客户月统计表' }) callbackStatistics!: CallbackStatisticsView;
  @ApiProperty({ type: [TopicCountView], description: '咨询内容分类统计: the ten most raised consultation items' }) topTopics!: TopicCountView[];
  @ApiProperty({
    type: [EscalationView],
    description: '升级与重大投诉: the 100 most escalated tickets of the period (highest level first, then as received); `escalationsTotal` counts them all, and `/v1/kpis/tickets` exports every ticket with its level',
  })
  escalations!: EscalationView[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'tickets of the period escalated or graded major, listed in `escalations` or not' }) escalationsTotal!: number;
  @ApiProperty({ type: [IncidentSummaryView], description: '群发事件 declared in the period, with their duration and how many called about each' })
  incidents!: IncidentSummaryView[];
}
