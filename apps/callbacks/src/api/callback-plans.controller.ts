import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { CALLBACK_METHODS } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import { uuidParam, IsInstant } from '@cs/platform';
import { ManageCallbackPlans } from '../application/manage-callback-plans';
import { PLAN_TRIGGERS, type PlanRecurrence, type PlanTrigger } from '../domain/callback-plan';
import type { CallbackMethod } from '../domain/callback-policy';
import type { StoredPlan } from '../infrastructure/callback-plan.repository';

const EVERY = ['once', 'month', 'quarter', 'days'] as const;
/** A plan every so many days without a number runs monthly in effect, as most key-customer plans do. */
const DEFAULT_DAYS_APART = 30;

export class RecurrenceDto {
  @ApiProperty({ enum: EVERY, description: 'once (a holiday greeting), every month or quarter, or every `days` days: counted from firstRunAt at its local time in the calendar’s zone; a month shorter than firstRunAt’s day runs on its last day' }) @IsIn(EVERY) every!: (typeof EVERY)[number];
  @ApiPropertyOptional({ minimum: 1, maximum: 366, description: `with every=days: how many days apart (${DEFAULT_DAYS_APART} when absent)`, default: DEFAULT_DAYS_APART }) @IsOptional() @IsInt() @Min(1) @Max(366) days?: number;
}

export class CallbackPlanDto {
  @ApiProperty({ example: '重点客户月度回访' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: ['key_customer', 'care'] }) @IsIn(['key_customer', 'care']) kind!: 'key_customer' | 'care';
  @ApiProperty({ example: 'P001' }) @IsString() @MinLength(1) @MaxLength(40) projectCode!: string;
  @ApiPropertyOptional({ example: ['vip'], description: 'customers holding any of these tags; none: every customer of the project' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];
  @ApiPropertyOptional({
    enum: PLAN_TRIGGERS,
    default: 'schedule',
    description: 'schedule: each run calls the selection; birthday (care plans only): a selected customer is called once a year on their birthday (生日关怀)',
  })
  @IsOptional()
  @IsIn(PLAN_TRIGGERS)
  trigger?: PlanTrigger;
  @ApiPropertyOptional({ type: RecurrenceDto, description: 'required unless trigger=birthday' })
  @ValidateIf((o: CallbackPlanDto) => o.trigger !== 'birthday' || o.recurrence !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence!: RecurrenceDto;
  @ApiProperty({ format: 'date-time', description: 'the first run; for a birthday plan, the day from which birthdays are greeted' }) @IsInstant() firstRunAt!: string;
  @ApiProperty({ enum: CALLBACK_METHODS }) @IsIn(CALLBACK_METHODS) method!: CallbackMethod;
  @ApiProperty({ example: 5, description: 'working days after a run by which its callbacks are due' }) @IsInt() @Min(0) @Max(30) dueWorkingDays!: number;
  @ApiPropertyOptional({ default: 'default' }) @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/) calendarId?: string;
  @ApiPropertyOptional({ default: 3 }) @IsOptional() @IsInt() @Min(1) @Max(20) attemptsAllowed?: number;
  @ApiPropertyOptional({ default: 120 }) @IsOptional() @IsInt() @Min(1) @Max(10_080) retrySpacingMinutes?: number;
  @ApiPropertyOptional({ description: 'the agent who calls; absent: the project’s pool' }) @IsOptional() @IsString() @MaxLength(64) assignee?: string;
}

export class CallbackPlanView extends CallbackPlanDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) nextRunAt?: string;
  @ApiProperty({ description: 'how many times it has run' }) runs!: number;

  static of(s: StoredPlan): CallbackPlanView {
    const { plan } = s;
    return {
      ...plan,
      tags: [...plan.tags],
      trigger: plan.trigger ?? 'schedule',
      recurrence: { ...plan.recurrence },
      firstRunAt: plan.firstRunAt.toISOString(),
      active: s.active,
      runs: s.runs,
      ...presentProps({ nextRunAt: s.nextRunAt?.toISOString() }),
    };
  }
}

export class CallbackPlansView {
  @ApiProperty({ type: [CallbackPlanView] }) items!: CallbackPlanView[];
}

function recurrenceOf(dto: RecurrenceDto): PlanRecurrence {
  return dto.every === 'days' ? { every: 'days', days: dto.days ?? DEFAULT_DAYS_APART } : { every: dto.every };
}

/** 重点客户定期回访 and 客户关怀 — plans that schedule callbacks for a selection of a project's customers. */
@ApiTags('callbacks')
@ScopedByProject()
@Controller('v1/callback-plans')
export class CallbackPlansController {
  constructor(private readonly manage: ManageCallbackPlans) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Make a key-customer or care plan; each run schedules one callback per selected customer' })
  @ApiCreatedResponse({ type: CallbackPlanView })
  async create(@Body() body: CallbackPlanDto, @CurrentScope() scope: ProjectScope): Promise<CallbackPlanView> {
    const { recurrence, firstRunAt, tags, calendarId, attemptsAllowed, retrySpacingMinutes, ...rest } = body;
    const created = await this.manage.create(
      {
        ...rest,
        tags: tags ?? [],
        recurrence: recurrence ? recurrenceOf(recurrence) : { every: 'once' },
        firstRunAt: new Date(firstRunAt),
        calendarId: calendarId ?? 'default',
        attemptsAllowed: attemptsAllowed ?? 3,
        retrySpacingMinutes: retrySpacingMinutes ?? 120,
      },
      scopedProjects(scope),
    );
    return CallbackPlanView.of(created);
  }

  @Get()
  @Roles('agent', 'supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({ summary: 'The callback plans of your projects' })
  @ApiOkResponse({ type: CallbackPlansView })
  async list(@CurrentScope() scope: ProjectScope): Promise<CallbackPlansView> {
    return { items: (await this.manage.list(scopedProjects(scope))).map(CallbackPlanView.of) };
  }

  @Get(':id')
  @Roles('agent', 'supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({ summary: 'A callback plan (404 outside your projects)' })
  @ApiOkResponse({ type: CallbackPlanView })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope): Promise<CallbackPlanView> {
    return CallbackPlanView.of(await this.manage.get(id, scopedProjects(scope)));
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Stop a plan: no further runs, and its open callbacks are cancelled' })
  @ApiOkResponse({ type: CallbackPlanView })
  async stop(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<CallbackPlanView> {
    return CallbackPlanView.of(await this.manage.stop(id, scopedProjects(scope), user.sub));
  }
}
