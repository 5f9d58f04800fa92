import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsInstant } from '@cs/platform';
import { OPINION_SOURCES } from '@cs/contracts';
import type { OpinionSource } from '../domain/complaint-research';
import { Text } from './ticket-commands.dto';

export class OpinionRequestDto {
  @ApiProperty({ enum: OPINION_SOURCES, example: 'legal', description: 'a department, or legal counsel' }) @IsIn(OPINION_SOURCES) from!: OpinionSource;
  @ApiPropertyOptional({ example: 'engineering', description: 'required when from=department (422 TICKET.DEPARTMENT_REQUIRED); a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET.PERSONAL_DATA naming `department`' })
  @IsOptional()
  @Text(80)
  department?: string;
  @ApiProperty({ example: '业主要求赔偿装修延期损失，是否有合同依据？' }) @Text(2000) question!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-26T17:30:00+08:00', description: 'in the future (422 TICKET.DUE_IN_PAST)' })
  @IsInstant()
  dueAt!: string;
}

export class OpinionRecordDto {
  @ApiProperty({ example: '合同第12条约定延期交付按日万分之五赔付，可据此答复' }) @Text(4000) text!: string;
}

export class ReplyApprovalDto {
  @ApiProperty({ example: '经核实，该问题属合同约定范围外，我司将按规定协助办理', description: 'the reply the customer is given; a candidate unified answer' })
  @Text(4000)
  text!: string;
}
