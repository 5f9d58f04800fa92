import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { SUGGESTION_IMPLEMENTATION_STATUSES, SUGGESTION_REWARD_KINDS } from '@cs/contracts';
import type { ImplementationStatus, RewardKind } from '../domain/suggestion';
import { Text } from './ticket-commands.dto';

export class SuggestionEvaluationDto {
  @ApiProperty({ example: true }) @IsBoolean() reasonable!: boolean;
  @ApiProperty({ example: true }) @IsBoolean() feasible!: boolean;
  @ApiProperty({ example: true, description: 'only a valuable suggestion is forwarded to a department' }) @IsBoolean() valuable!: boolean;
  @ApiProperty({ example: '增设快递柜可减少门岗代收压力，建议物业部评估场地' }) @Text(2000) comment!: string;
}

export class SuggestionForwardDto {
  @ApiProperty({ example: 'property_management', description: 'the department that implements it; the ticket is dispatched there. a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET.PERSONAL_DATA naming `department`' })
  @Text(80)
  department!: string;
}

export class SuggestionImplementationDto {
  @ApiProperty({ enum: SUGGESTION_IMPLEMENTATION_STATUSES, example: 'implemented' }) @IsIn(SUGGESTION_IMPLEMENTATION_STATUSES) status!: ImplementationStatus;
  @ApiPropertyOptional({ example: '已在3号楼大堂增设快递柜', description: 'required once implemented or rejected (422 TICKET.RESULT_REQUIRED)' })
  @IsOptional()
  @Text(2000)
  result?: string;
}

export class SuggestionRewardDto {
  @ApiProperty({ enum: SUGGESTION_REWARD_KINDS, example: 'points' }) @IsIn(SUGGESTION_REWARD_KINDS) kind!: RewardKind;
  @ApiProperty({ example: '感谢建议，赠送会员积分' }) @Text(500) description!: string;
  @ApiPropertyOptional({ example: 200, minimum: 0, description: 'yuan for a gift or coupon, points for points' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  value?: number;
}
