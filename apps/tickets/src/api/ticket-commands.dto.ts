import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { GRADES, PROMISE_TIERS, PromiseTier, SLA_CLOCK_KINDS, SlaClockKind } from '@cs/contracts';
import { ApiExactlyOneOf, ApiSchemaKeywords, IsInstant, IsItemCode, ITEM_CODE_SCHEMA, Omittable, UuidInLowerCase } from '@cs/platform';
import { TicketQueueQuery } from './ticket-queue.dto';

const text = (max: number) => [IsString(), MinLength(1), MaxLength(max)];
/** Free text of 1 to `max` characters. */
export function Text(max: number): PropertyDecorator {
  return (target, key) => text(max).forEach((d) => d(target, key));
}

/** A text the decision rule counts as given: present, not null (the pipe lets optional nulls through). */
const GIVEN = { type: 'string' } as const;

// An invalid matter is answered (reason or a unified answer); an out-of-scope one says where
// the customer was sent (422 TICKET.ANSWER_REQUIRED / TICKET.REDIRECT_REQUIRED otherwise).
@ApiSchemaKeywords({
  oneOf: [
    { properties: { decision: { enum: ['valid'] } } },
    {
      properties: { decision: { enum: ['invalid'] } },
      anyOf: [
        { required: ['reason'], properties: { reason: GIVEN } },
        { required: ['answerId'], properties: { answerId: GIVEN } },
      ],
    },
    { properties: { decision: { enum: ['out_of_scope'] }, redirectTo: GIVEN }, required: ['redirectTo'] },
  ],
})
export class ValidityDto {
  @ApiProperty({ enum: ['valid', 'invalid', 'out_of_scope'] }) @IsIn(['valid', 'invalid', 'out_of_scope']) decision!: 'valid' | 'invalid' | 'out_of_scope';
  @ApiPropertyOptional({ description: 'the explanation given (invalid) or why (out of scope)' }) @IsOptional() @Text(2000) reason?: string;
  @ApiPropertyOptional({ description: 'unified answer used (统一答复语)' }) @IsOptional() @UuidInLowerCase() @Text(64) answerId?: string;
  @ApiPropertyOptional({ example: '12345 市民服务热线', description: 'where the customer was directed (out of scope)' }) @IsOptional() @Text(200) redirectTo?: string;
  @ApiPropertyOptional({ enum: GRADES, description: 'complaints: major escalates to leaders at once' }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number];
}

export class DispatchDto {
  @ApiProperty({ example: 'engineering', description: 'a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET.PERSONAL_DATA naming `department` (an incident’s dispatch: INCIDENT.PERSONAL_DATA)' }) @Text(80) department!: string;
  @ApiPropertyOptional({ example: 'handler-12', description: 'the handler’s user id, as the identity provider gives it' }) @IsOptional() @Text(64) handler?: string;
}

export class ReplyDto {
  @ApiProperty({ example: '已安排维修师傅今天下午上门' }) @Text(4000) message!: string;
  @ApiPropertyOptional() @IsOptional() @UuidInLowerCase() @Text(64) answerId?: string;
}

/** 上门 — the handler's arrival on site, as it happened. */
export class ArrivalDto {
  @ApiPropertyOptional({ example: '2026-11-24T10:00:00+08:00', description: 'when the handler arrived; absent: now. Not before the dispatch, not more than a minute in the future (422 naming `arrivedAt`; less is taken as now)' })
  @Omittable()
  @IsInstant()
  arrivedAt?: string;
  @ApiPropertyOptional({ example: '师傅已到达3栋1202' }) @IsOptional() @Text(500) note?: string;
}

/** A supervisor's approval to promise a reply beyond its cap (a consultation: 3 working days after receipt). */
export class CapExceptionDto {
  @ApiProperty({ example: '需法务部出具意见，经主管批准延至5个工作日', description: 'why the cap is waived; recorded in history and the event' })
  @Text(500)
  reason!: string;
}

const EXCEPTION_DESCRIPTION =
  'Supervisors and admins only (403 otherwise): approve a first reply later than its cap. Without it such a request is refused 422 TICKET.CAP_EXCEEDED; it never allows a first reply after the resolution deadline.';

@ApiExactlyOneOf('workingDays', 'workingHours', 'workingMinutes')
export class ExtensionDto {
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(30) workingDays?: number;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(240) workingHours?: number;
  @ApiPropertyOptional() @Omittable() @IsInt() @Min(1) @Max(14_400) workingMinutes?: number;
  @ApiProperty({ example: '需等待厂家配件' }) @Text(500) reason!: string;
  @ApiProperty({ example: '2026-11-24T10:00:00+08:00' }) @IsInstant() customerInformedAt!: string;
  @ApiPropertyOptional({ enum: SLA_CLOCK_KINDS, default: 'resolution' })
  @IsOptional()
  @IsIn(SLA_CLOCK_KINDS)
  clock?: SlaClockKind;
  @ApiPropertyOptional({ type: CapExceptionDto, description: EXCEPTION_DESCRIPTION })
  @IsOptional()
  @ValidateNested()
  @Type(() => CapExceptionDto)
  exception?: CapExceptionDto;
}

export class EscalationDto {
  @ApiPropertyOptional({ enum: [1, 2], description: '1 supervisor / leaders, 2 manager; default the next level' }) @IsOptional() @IsIn([1, 2]) level?: 1 | 2;
  @ApiPropertyOptional() @IsOptional() @Text(500) note?: string;
}

export class PauseDto {
  @ApiProperty({ example: '业主出差，约定下周上门' }) @Text(500) reason!: string;
}

export class ResolveDto {
  @ApiProperty({ example: '已更换电梯控制板，运行正常' }) @Text(2000) resolution!: string;
}

export class ReopenDto {
  @ApiProperty({ example: '回访客户不满意，电梯仍有异响' }) @Text(500) reason!: string;
}

export class PromiseDto {
  @ApiProperty({ enum: PROMISE_TIERS }) @IsIn(PROMISE_TIERS) tier!: PromiseTier;
  @ApiPropertyOptional({ type: CapExceptionDto, description: EXCEPTION_DESCRIPTION })
  @IsOptional()
  @ValidateNested()
  @Type(() => CapExceptionDto)
  exception?: CapExceptionDto;
}

/** 补录 — at least one of the three (422 TICKET.NOTHING_TO_AMEND naming `itemCode` otherwise). */
@ApiSchemaKeywords({ anyOf: (['itemCode', 'building', 'room'] as const).map((field) => ({ required: [field], properties: { [field]: GIVEN } })) })
export class RecordAmendmentDto {
  @ApiPropertyOptional({ ...ITEM_CODE_SCHEMA, example: 'repair.own_unit', description: 'an active catalogue item <section>.<item> (422 TICKET.UNKNOWN_ITEM otherwise)' })
  @IsOptional()
  @IsItemCode()
  itemCode?: string;
  @ApiPropertyOptional({ example: '3栋' }) @IsOptional() @Text(40) building?: string;
  @ApiPropertyOptional({ example: '1202' }) @IsOptional() @Text(40) room?: string;
}

/** Commands that need nothing more may still say why. */
export class NoteDto {
  @ApiPropertyOptional() @IsOptional() @Text(500) note?: string;
}

/** A page of a queue: its filters, the order and where to continue. */
export class TicketListQuery extends TicketQueueQuery {
  @ApiPropertyOptional({ enum: ['due', 'created'], default: 'created' }) @IsOptional() @IsIn(['due', 'created']) sort?: 'due' | 'created';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
