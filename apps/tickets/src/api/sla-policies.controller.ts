import { Body, Controller, Get, Headers, Inject, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles, SharedAcrossProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { parseIfMatch, weakEtag } from '@cs/platform';
import { CALENDAR_SOURCE, CalendarSource } from '../application/calendar-source';
import { ManageSlaPolicies } from '../application/manage-sla-policies';
import { MAX_DEADLINE_HORIZON_DAYS } from '../domain/calendar-limits';
import { CLOCK_KINDS, SlaPolicy } from '../domain/sla-policy';
import type { SlaDuration } from '../domain/sla-duration';

export class DurationDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) @Max(100_000) amount!: number;
  @ApiProperty({ enum: ['minutes', 'hours', 'days'] }) @IsIn(['minutes', 'hours', 'days']) unit!: 'minutes' | 'hours' | 'days';
  @ApiProperty({ enum: ['working', 'calendar'] }) @IsIn(['working', 'calendar']) basis!: 'working' | 'calendar';
  @ApiPropertyOptional({
    description: 'minutes or hours: never later than the close of the working day it starts (of the next working day when it starts off work); pauses and extensions still move it',
  })
  @IsOptional()
  @IsBoolean()
  byCloseOfDay?: boolean;
}

const List = () => [IsOptional(), ArrayMaxSize(100), IsString({ each: true }), MaxLength(80, { each: true })];
function Criteria(): PropertyDecorator {
  return (target, key) => List().forEach((d) => d(target, key));
}

export class MatchDto {
  @ApiPropertyOptional({ example: ['complaint'] }) @Criteria() sections?: string[];
  @ApiPropertyOptional() @Criteria() items?: string[];
  @ApiPropertyOptional({ example: ['major'] }) @Criteria() grades?: string[];
  @ApiPropertyOptional() @Criteria() priorities?: string[];
  @ApiPropertyOptional() @Criteria() channels?: string[];
  @ApiPropertyOptional() @Criteria() projects?: string[];
}

export class TargetsDto {
  @ApiPropertyOptional({ type: DurationDto }) @IsOptional() @ValidateNested() @Type(() => DurationDto) first_response?: DurationDto;
  @ApiPropertyOptional({ type: DurationDto }) @IsOptional() @ValidateNested() @Type(() => DurationDto) dispatch?: DurationDto;
  @ApiPropertyOptional({ type: DurationDto, description: '上门 — the handler on site, from receipt (24 hours locally, 3 days in nearby counties, …): met by POST /v1/tickets/{id}/arrival' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DurationDto)
  on_site?: DurationDto;
  @ApiPropertyOptional({ type: DurationDto }) @IsOptional() @ValidateNested() @Type(() => DurationDto) resolution?: DurationDto;
}

export class PolicyDto {
  @ApiProperty({ example: 'complaint' }) @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/) id!: string;
  @ApiProperty({ example: '有效投诉：当日派单' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ type: MatchDto }) @IsDefined() @ValidateNested() @Type(() => MatchDto) match!: MatchDto;
  @ApiProperty({ type: TargetsDto }) @IsDefined() @ValidateNested() @Type(() => TargetsDto) targets!: TargetsDto;
  @ApiProperty({ example: [75, 90], uniqueItems: true, description: 'percentages of a clock’s time at which to warn, each listed once (422 SLA.DUPLICATE_WARNING)' }) @ArrayMaxSize(5) @IsInt({ each: true }) @Min(1, { each: true }) @Max(99, { each: true }) warnAt!: number[];
  @ApiPropertyOptional({ type: DurationDto }) @IsOptional() @ValidateNested() @Type(() => DurationDto) escalateToManagerAfter?: DurationDto;
  @ApiPropertyOptional({ default: 'default' }) @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/) calendarId?: string;
}

export class PoliciesDto {
  @ApiProperty({ type: [PolicyDto] }) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PolicyDto) policies!: PolicyDto[];
}

const durationOf = (d: DurationDto): SlaDuration => ({ amount: d.amount, unit: d.unit, basis: d.basis, ...presentProps({ byCloseOfDay: d.byCloseOfDay }) });

/**
 * A policy as sent, as the domain holds it: an optional field sent as null is absent (the
 * validation pipe lets optional nulls through), so it is neither stored nor echoed as null where
 * the contract says a boolean, a list or a duration.
 */
export function slaPolicyOf(p: PolicyDto): SlaPolicy {
  return {
    id: p.id,
    name: p.name,
    match: presentProps({ sections: p.match.sections, items: p.match.items, grades: p.match.grades, priorities: p.match.priorities, channels: p.match.channels, projects: p.match.projects }),
    targets: Object.fromEntries(CLOCK_KINDS.flatMap((kind) => (p.targets[kind] ? [[kind, durationOf(p.targets[kind])]] : []))),
    warnAt: p.warnAt,
    ...(p.escalateToManagerAfter ? { escalateToManagerAfter: durationOf(p.escalateToManagerAfter) } : {}),
    calendarId: p.calendarId ?? 'default',
  };
}

/** The policy list as stored; `version` is also the ETag an If-Match on PUT compares with. */
export class SlaPoliciesView {
  @ApiProperty({ example: 3 }) version!: number;
  // The stored policies have the shape they were written in, every default applied.
  @ApiProperty({ type: [PolicyDto] }) policies!: PolicyDto[];
}

/** 时限标准 — which targets each kind of ticket must meet. Applies to tickets opened after a change. */
@ApiTags('sla')
@SharedAcrossProjects('SLA policies are company-wide settings; a policy names the projects it applies to')
@Controller('v1/sla-policies')
export class SlaPoliciesController {
  constructor(
    private readonly manage: ManageSlaPolicies,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The SLA policies and their version' })
  @ApiOkResponse({ type: SlaPoliciesView })
  async list(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ version: number; policies: SlaPolicy[] }> {
    const result = await this.manage.list();
    void reply.header('etag', weakEtag(result.version));
    return result;
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the policy list (the most specific matching policy wins; ties go to the earlier one)',
    description:
      'Applies to tickets opened afterwards: an open ticket keeps the targets, calendar, warnings and manager escalation it started with. ' +
      'Refused with 422 naming the field: a calendar that does not exist (`SLA.UNKNOWN_CALENDAR`, `policies[i].calendarId`); a calendar without working time from now on (`CALENDAR.NO_WORKING_TIME`, `policies[i].calendarId`); ' +
      'a calendar stored before the limits it breaks, to be corrected first (`CALENDAR.NEEDS_CORRECTION`, `policies[i].calendarId`); a target ' +
      `or escalation lying more than ${MAX_DEADLINE_HORIZON_DAYS} days ahead by the policy’s calendar (\`SLA.TARGET_TOO_LONG\`, \`policies[i].targets.<clock>.amount\` ` +
      'or `policies[i].escalateToManagerAfter.amount`); a warning threshold listed twice (`SLA.DUPLICATE_WARNING`, `policies[i].warnAt`).',
  })
  @ApiOkResponse({ type: SlaPoliciesView })
  async replace(@Body() body: PoliciesDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ version: number; policies: SlaPolicy[] }> {
    const expected = parseIfMatch(ifMatch, 'SLA.BAD_IF_MATCH');
    const policies = body.policies.map(slaPolicyOf);
    const result = await this.manage.replace(policies, expected, this.calendars);
    void reply.header('etag', weakEtag(result.version));
    return result;
  }
}
