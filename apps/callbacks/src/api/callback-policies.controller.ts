import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsObject, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles, SharedAcrossProjects } from '@cs/auth';
import { CALLBACK_METHODS } from '@cs/contracts';
import { NestedEach, parseIfMatch, weakEtag } from '@cs/platform';
import { ManageCallbackPolicies } from '../application/manage-callback-policies';
import { CALLBACK_ASSIGNMENTS, CallbackAssignment, CallbackMethod, CallbackPolicy } from '../domain/callback-policy';

const List = () => [IsOptional(), IsArray(), ArrayMaxSize(100), IsString({ each: true }), MaxLength(80, { each: true })];
function Criteria(): PropertyDecorator {
  return (target, key) => List().forEach((d) => d(target, key));
}

export class CallbackMatchDto {
  @ApiPropertyOptional({ example: ['complaint'] }) @Criteria() sections?: string[];
  @ApiPropertyOptional({ example: ['repair.public_area'] }) @Criteria() items?: string[];
  @ApiPropertyOptional({ example: ['major'] }) @Criteria() grades?: string[];
  @ApiPropertyOptional({ example: ['P001'] }) @Criteria() projects?: string[];
}

export class CallbackPolicyDto {
  @ApiProperty({ example: 'complaint' }) @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/) id!: string;
  @ApiProperty({ example: '投诉处理完毕3个工作日内回访' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ type: CallbackMatchDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CallbackMatchDto) match!: CallbackMatchDto;
  @ApiProperty({ example: 3, description: 'working days after resolution by which the callback is due (0: the same working day)' })
  @IsInt()
  @Min(0)
  @Max(30)
  dueWorkingDays!: number;
  @ApiPropertyOptional({ default: 'default' }) @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/) calendarId?: string;
  @ApiProperty({ enum: CALLBACK_METHODS }) @IsIn(CALLBACK_METHODS) method!: CallbackMethod;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(20) attemptsAllowed!: number;
  @ApiProperty({ example: 120, description: 'minutes between an unanswered attempt and the next' }) @IsInt() @Min(1) @Max(10_080) retrySpacingMinutes!: number;
  @ApiProperty({ enum: CALLBACK_ASSIGNMENTS, description: 'the first-contact owner (首问责任人), or the project’s pool' })
  @IsIn(CALLBACK_ASSIGNMENTS)
  assignTo!: CallbackAssignment;
  @ApiPropertyOptional({ default: true, description: 'a ticket closed without a completed callback is reported as missed' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class CallbackPoliciesDto {
  @ApiProperty({ type: [CallbackPolicyDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @NestedEach(() => CallbackPolicyDto)
  policies!: CallbackPolicyDto[];
}

/** The policy list as stored; `version` is also the ETag an If-Match on PUT compares with. */
export class CallbackPoliciesView {
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: [CallbackPolicyDto] }) policies!: CallbackPolicyDto[];
}

/** 回访标准 — when, how and by whom resolved tickets are called back. */
@ApiTags('callbacks')
@SharedAcrossProjects('callback policies are company-wide settings; a policy names the projects it applies to')
@Roles('supervisor', 'admin')
@Controller('v1/callback-policies')
export class CallbackPoliciesController {
  constructor(private readonly manage: ManageCallbackPolicies) {}

  @Get()
  @ApiOperation({ summary: 'The callback policies and their version' })
  @ApiOkResponse({ type: CallbackPoliciesView })
  async list(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ version: number; policies: CallbackPolicy[] }> {
    const result = await this.manage.list();
    void reply.header('etag', weakEtag(result.version));
    return result;
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the callback policy list',
    description: 'The most specific matching policy (section, item, grade, project) wins; ties go to the earlier one. Applies to tickets resolved after the change.',
  })
  @ApiOkResponse({ type: CallbackPoliciesView })
  async replace(@Body() body: CallbackPoliciesDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ version: number; policies: CallbackPolicy[] }> {
    const expected = parseIfMatch(ifMatch, 'CALLBACK_POLICY.BAD_IF_MATCH');
    const policies: CallbackPolicy[] = body.policies.map((p) => ({ ...p, calendarId: p.calendarId ?? 'default', required: p.required ?? true }));
    const result = await this.manage.replace(policies, expected);
    void reply.header('etag', weakEtag(result.version));
    return result;
  }
}
