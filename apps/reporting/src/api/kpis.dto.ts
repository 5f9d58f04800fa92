import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { GROUPINGS, Grouping, KPI_FORMULAS, KpiFigures } from '../domain/kpis';
import { parseRequestedBound } from '../domain/period';

/** A month, ISO week, local day or date-time with offset that names a real time. */
export function IsReportBound(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReportBound',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseRequestedBound(value) !== undefined,
        defaultMessage: () => '$property must be a month (2026-11), an ISO week (2026-W48), a day (2026-11-05) or a date-time with offset',
      },
    },
    { context: { rule: 'invalid_format', params: { format: 'report-period' } }, ...options },
  );
}

const BOUND_HELP =
  'A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset.';

const MAX_PROJECTS = 50;
const PROJECT_CODE = '[A-Za-z0-9_-]{1,40}';
/** One to 50 project codes, comma-separated: `P001` or `P001,P002`. */
const PROJECT_LIST = new RegExp(`^${PROJECT_CODE}(,${PROJECT_CODE}){0,${MAX_PROJECTS - 1}}$`);

/**
 * `project=P001,P002`: the projects asked for, within the caller's. One parameter holding a
 * comma-separated list, as the schema's pattern says; an empty code in it (`P001,`) or the
 * parameter repeated is refused (400 naming project), and an empty `project=` is absent.
 */
export function ProjectsParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'string',
      pattern: PROJECT_LIST.source,
      example: 'P001,P002',
      description: `up to ${MAX_PROJECTS} project codes, comma-separated; absent: every project you may see`,
    }),
    IsOptional(),
    IsString(),
    Matches(PROJECT_LIST),
  );
}

/** The project codes of a `project` parameter; none when absent. */
export const projectCodes = (list: string | undefined): string[] => (list === undefined ? [] : list.split(','));

export class PeriodQuery {
  @ApiProperty({ example: '2026-11', description: `${BOUND_HELP} Inclusive.` })
  @IsReportBound()
  from!: string;

  @ApiPropertyOptional({ example: '2026-11', description: `${BOUND_HELP} A month, week or day is inclusive (ends with it); a date-time is exclusive. Defaults to \`from\`.` })
  @IsOptional()
  @IsReportBound()
  to?: string;

  @ProjectsParam()
  project?: string;
}

export class KpiQueryDto extends PeriodQuery {
  @ApiPropertyOptional({ enum: GROUPINGS, default: 'section', description: 'agent = the first-contact owner (首问责任人) of tickets, the assignee of callbacks' })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy?: Grouping;
}

export class KpiTicketsQueryDto extends KpiQueryDto {
  @ApiPropertyOptional({ example: 'complaint', description: 'the group key, as in the KPI response (`none` for records without a value); needs `groupBy`' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  key?: string;
}

export class PercentilesView {
  @ApiProperty({ type: 'number', nullable: true, description: 'median by nearest rank, read from 2 %-wide bins (within 2 %); null when no ticket counts' }) p50!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: '90th percentile by nearest rank, read from 2 %-wide bins (within 2 %); null when no ticket counts' }) p90!: number | null;
}

const count = (key: keyof KpiFigures) => ApiProperty({ type: 'integer', minimum: 0, description: KPI_FORMULAS[key] });
const rate = (key: keyof KpiFigures) =>
  ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1, description: `${KPI_FORMULAS[key]}; a fraction 0..1, null when the denominator is 0` });
const minutes = (key: keyof KpiFigures) => ApiProperty({ type: PercentilesView, description: KPI_FORMULAS[key] });

export class KpiFiguresView implements KpiFigures {
  @count('received') received!: number;
  @count('valid') valid!: number;
  @count('invalid') invalid!: number;
  @count('outOfScope') outOfScope!: number;
  @count('dispatched') dispatched!: number;
  @count('resolved') resolved!: number;
  @count('closed') closed!: number;
  @count('reopened') reopened!: number;
  @count('escalated') escalated!: number;
  @count('majorComplaints') majorComplaints!: number;
  @count('extensions') extensions!: number;
  @count('incidents') incidents!: number;
  @count('incidentChildren') incidentChildren!: number;
  @count('distinctMatters') distinctMatters!: number;
  @rate('resolutionRate') resolutionRate!: number | null;
  @rate('firstResponseOnTimeRate') firstResponseOnTimeRate!: number | null;
  @rate('resolutionOnTimeRate') resolutionOnTimeRate!: number | null;
  @rate('dispatchOnTimeRate') dispatchOnTimeRate!: number | null;
  @rate('onSiteOnTimeRate') onSiteOnTimeRate!: number | null;
  @rate('satisfactionRate') satisfactionRate!: number | null;
  @rate('callbackCompletionRate') callbackCompletionRate!: number | null;
  @rate('callbackOnTimeRate') callbackOnTimeRate!: number | null;
  @rate('reopenRate') reopenRate!: number | null;
  @rate('knowledgeAnswerUsageRate') knowledgeAnswerUsageRate!: number | null;
  @rate('answerAccuracyRate') answerAccuracyRate!: number | null;
  @rate('recordCompletenessRate') recordCompletenessRate!: number | null;
  @minutes('firstResponseMinutes') firstResponseMinutes!: PercentilesView;
  @minutes('resolutionMinutes') resolutionMinutes!: PercentilesView;
}

export class KpiGroupView extends KpiFiguresView {
  @ApiProperty({ example: 'complaint', description: 'the section, item, channel, project, department or agent; `none` when the records have no value' }) key!: string;
  @ApiProperty({ example: '/v1/kpis/tickets?from=2026-10-31T16%3A00%3A00.000Z&to=2026-11-30T16%3A00%3A00.000Z&groupBy=section&key=complaint', description: 'the ticket-list query (CSV) of the tickets behind this group' })
  tickets!: string;
}

export class KpiReportView {
  @ApiProperty({ format: 'date-time', description: 'start of the period, inclusive' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'end of the period, exclusive' }) to!: string;
  @ApiProperty({ enum: GROUPINGS }) groupBy!: Grouping;
  @ApiProperty({ type: KpiFiguresView, description: 'the figures of every group together' }) total!: KpiFiguresView;
  @ApiProperty({ type: [KpiGroupView] }) groups!: KpiGroupView[];
}

export class TopicCountView {
  @ApiProperty({ example: 'consultation.property_service' }) itemCode!: string;
  @ApiProperty({ type: 'integer', description: 'consultation tickets of this item received in the period' }) count!: number;
  @ApiProperty({ type: 'integer', description: 'the same in the preceding period' }) previous!: number;
  @ApiProperty({ type: 'integer', description: 'count − previous' }) change!: number;
}

export class TopicsView {
  @ApiProperty({ format: 'date-time', description: 'start of the period, inclusive' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'end of the period, exclusive' }) to!: string;
  @ApiProperty({ format: 'date-time', description: 'start of the preceding period of the same length, which the trend compares with' }) previousFrom!: string;
  @ApiProperty({ type: [TopicCountView] }) topics!: TopicCountView[];
}
