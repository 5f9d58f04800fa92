import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiSchemaKeywords, IsInstant, IsUuidInLowerCase, UuidInLowerCase } from '@cs/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REQUESTED_MONTH } from '../domain/period';
import { SCORED_METRICS, ScoredMetric } from '../domain/scorecard';

const monthContext = { context: { params: { format: 'YYYY-MM' } } };

export class TierDto {
  @ApiProperty({ example: 0.95, minimum: 0, maximum: 1, description: 'the tier applies from this fraction (inclusive) up to the next tier' })
  @IsNumber()
  @Min(0)
  @Max(1)
  min!: number;

  @ApiProperty({ example: 1, minimum: 0, maximum: 100, description: 'points deducted in this tier' })
  @IsNumber()
  @Min(0)
  @Max(100)
  deduction!: number;
}

export class MetricRuleDto {
  @ApiProperty({ enum: SCORED_METRICS }) @IsIn(SCORED_METRICS) metric!: ScoredMetric;
  @ApiProperty({ example: 1, minimum: 0, maximum: 10, description: 'multiplies the tier deduction' }) @IsNumber() @Min(0) @Max(10) weight!: number;
  @ApiProperty({ type: [TierDto], description: 'must include a tier with min 0, so every value has a tier' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TierDto)
  tiers!: TierDto[];
}

export class ScorecardSchemeDto {
  @ApiProperty({ example: 100, minimum: 0, maximum: 1000 }) @IsNumber() @Min(0) @Max(1000) base!: number;
  @ApiProperty({ type: [MetricRuleDto] }) @IsDefined() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MetricRuleDto) metrics!: MetricRuleDto[];
  @ApiProperty({ example: 2, minimum: 0, maximum: 100, description: 'points per failed spot check (抽查不合格)' }) @IsNumber() @Min(0) @Max(100) failedSpotCheckDeduction!: number;
  @ApiProperty({ example: 2, minimum: 0, maximum: 100, description: 'points per praise (表扬)' }) @IsNumber() @Min(0) @Max(100) praiseBonus!: number;
}

export class ScorecardSchemeView {
  @ApiProperty({ example: 1, description: '0 while the default scheme applies' }) version!: number;
  @ApiProperty({ type: ScorecardSchemeDto }) scheme!: ScorecardSchemeDto;
}

export class ScorecardQuery {
  @ApiProperty({ example: '2026-11' }) @Matches(REQUESTED_MONTH, monthContext) month!: string;
  @ApiPropertyOptional({ example: 'agent-12', description: 'one agent; an agent always gets their own' }) @IsOptional() @IsString() @MaxLength(64) agent?: string;
}

export class MetricScoreView {
  @ApiProperty({ enum: SCORED_METRICS }) metric!: ScoredMetric;
  @ApiProperty({ type: 'number', nullable: true, description: 'the agent’s rate (as in GET /v1/kpis grouped by agent); null: nothing measured, no deduction' }) value!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'the tier it fell in' }) tierMin!: number | null;
  @ApiProperty({ description: 'tier deduction × weight' }) deduction!: number;
}

export class SpotCheckTallyView {
  @ApiProperty({ type: 'integer' }) checked!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty() deduction!: number;
}

export class PraiseTallyView {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty() bonus!: number;
}

export class ScorecardView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'agent-12' }) agent!: string;
  @ApiProperty({ type: 'integer' }) schemeVersion!: number;
  @ApiProperty() base!: number;
  @ApiProperty({ type: [MetricScoreView] }) metrics!: MetricScoreView[];
  @ApiProperty({ type: SpotCheckTallyView }) spotChecks!: SpotCheckTallyView;
  @ApiProperty({ type: PraiseTallyView }) praise!: PraiseTallyView;
  @ApiProperty({ description: 'base − metric deductions − failed spot checks × deduction + praise × bonus' }) score!: number;
}

export class ScorecardListView {
  @ApiProperty({ type: [ScorecardView] }) items!: ScorecardView[];
}

export const SPOT_CHECK_TARGETS = ['ticket', 'callback', 'recording'] as const;

// A ticket or callback is named by its id, a recording by its url (400 naming the missing one).
@ApiSchemaKeywords({
  oneOf: [
    { properties: { kind: { enum: ['ticket', 'callback'] }, id: { type: 'string' } }, required: ['id'] },
    { properties: { kind: { enum: ['recording'] }, url: { type: 'string' } }, required: ['url'] },
  ],
})
export class SpotCheckTargetDto {
  @ApiProperty({ enum: SPOT_CHECK_TARGETS }) @IsIn(SPOT_CHECK_TARGETS) kind!: (typeof SPOT_CHECK_TARGETS)[number];
  @ApiPropertyOptional({ description: 'the ticket or callback id (ticket, callback)' }) @IsOptional() @UuidInLowerCase() @IsString() @MaxLength(64) id?: string;
  @ApiPropertyOptional({
    example: 'https://recordings.example.com/2026/11/call-123.mp3',
    description:
      'the call recording (recording); shown to whoever reads the project’s spot checks, so a user name and password in it are refused, and the phones, e-mails and ID numbers its folders, file name and query hold are kept masked',
  })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'], disallow_auth: true })
  @MaxLength(2000)
  url?: string;
  @ApiPropertyOptional({ example: 'P001', description: 'the project, for a recording; a ticket or callback has its own' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,40}$/) projectCode?: string;
}

export class SpotCheckDto {
  @ApiProperty({ example: 'agent-12', description: 'the agent checked' }) @IsString() @MinLength(1) @MaxLength(64) agent!: string;
  @ApiProperty({ type: SpotCheckTargetDto }) @IsDefined() @ValidateNested() @Type(() => SpotCheckTargetDto) target!: SpotCheckTargetDto;
  @ApiProperty({ description: 'pass (true) or fail (false)' }) @IsBoolean() passed!: boolean;
  @ApiProperty({ example: '未按规范使用统一答复语' }) @IsString() @MaxLength(2000) comments!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'default now; the month it counts in' }) @IsOptional() @IsInstant() checkedAt?: string;
}

export class SpotCheckView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty({ enum: SPOT_CHECK_TARGETS }) targetKind!: string;
  @ApiProperty({ type: 'string', nullable: true }) targetId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) targetUrl!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) projectCode!: string | null;
  @ApiProperty() passed!: boolean;
  @ApiProperty() comments!: string;
  @ApiProperty({ format: 'date-time' }) checkedAt!: Date;
  @ApiProperty() checkedBy!: string;
}

export class SpotCheckListView {
  @ApiProperty({ type: [SpotCheckView] }) items!: SpotCheckView[];
}

export class PraiseDto {
  @ApiProperty({ example: 'agent-12' }) @IsString() @MinLength(1) @MaxLength(64) agent!: string;
  @ApiProperty({ example: '业主来电表扬服务耐心' }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the ticket the praise is about' }) @IsOptional() @IsUuidInLowerCase() ticketId?: string;
  @ApiPropertyOptional({ example: 'P001' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,40}$/) projectCode?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'default now; the month it counts in' }) @IsOptional() @IsInstant() receivedAt?: string;
}

export class PraiseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'string', nullable: true }) ticketId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) projectCode!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: Date;
  @ApiProperty() recordedBy!: string;
}

export class PraiseListView {
  @ApiProperty({ type: [PraiseView] }) items!: PraiseView[];
}
