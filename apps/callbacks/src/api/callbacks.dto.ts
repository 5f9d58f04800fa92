import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CALENDAR_REFUSAL_CODES } from '@cs/business-calendar';
import { IsInstant, IsUuidInLowerCase } from '@cs/platform';
import { CALLBACK_KINDS, CALLBACK_METHODS, CALLBACK_OUTCOMES, SATISFACTION_LEVELS, TICKET_STATUSES } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { AttemptReport } from '../domain/callback-decide';
import { CALLBACK_STATUSES, CallbackOutcome, CallbackStatus, CallbackTask, Satisfaction } from '../domain/callback-task';
import type { ListedHold } from '../domain/held-callback';
import type { StoredAttempt } from '../infrastructure/callback.repository';
import type { FollowedTicket } from '../infrastructure/followed-tickets.repository';

const QUEUE_STATUSES = ['due', 'overdue', 'done', 'failed', 'cancelled'] as const;

/** An agent's work queue: every filter given must hold, within the caller's projects. */
export class CallbackQueueQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, description: 'due: open and not yet past its due time; overdue: open past it' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: CallbackStatus;
  @ApiPropertyOptional({ description: '`me` for the caller’s own callbacks, or a user id', example: 'me' }) @IsOptional() @IsString() @MaxLength(64) assignee?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuidInLowerCase() ticketId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'callbacks due before this instant' }) @IsOptional() @IsInstant() dueBefore?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'callbacks that may be tried by this instant: those waiting for their next attempt after an unanswered one (`nextAttemptAt` later) are left out. Pass now for the calls to make now (ADR 0082)',
  })
  @IsOptional()
  @IsInstant()
  callableAt?: string;
  @ApiPropertyOptional({ description: 'pass the previous page’s `nextCursor`' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** What an agent (or the customer, on a questionnaire) reports of one attempt to reach the customer. */
export class AttemptDto {
  @ApiProperty({ enum: CALLBACK_OUTCOMES }) @IsIn(CALLBACK_OUTCOMES) outcome!: CallbackOutcome;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS, description: 'required when a ticket’s customer was reached' })
  @IsOptional()
  @IsIn(SATISFACTION_LEVELS)
  satisfaction?: Satisfaction;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'satisfaction with the handling' }) @IsOptional() @IsInt() @Min(1) @Max(5) score?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'satisfaction with the service' }) @IsOptional() @IsInt() @Min(1) @Max(5) serviceScore?: number;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'needs the customer raised; intake records them as a new contact' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  newNeeds?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'dissatisfied and not solvable at once: when to call again' })
  @IsOptional()
  @IsInstant()
  nextCallbackAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'dissatisfied and not solvable at once: the department’s rectification deadline (限期整改)' })
  @IsOptional()
  @IsInstant()
  departmentDeadline?: string;
}

export function reportOf(dto: AttemptDto): AttemptReport {
  const at = (text: string | undefined) => (text === undefined ? undefined : new Date(text));
  return {
    outcome: dto.outcome,
    ...presentProps({
      satisfaction: dto.satisfaction,
      score: dto.score,
      serviceScore: dto.serviceScore,
      comment: dto.comment,
      newNeeds: dto.newNeeds,
      nextCallbackAt: at(dto.nextCallbackAt),
      departmentDeadline: at(dto.departmentDeadline),
    }),
  };
}

export class FollowUpView {
  @ApiProperty({ enum: ['callback', 'rectification'] }) deadline!: 'callback' | 'rectification';
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['pending', 'overdue', 'settled'] }) state!: 'pending' | 'overdue' | 'settled';
}

export class CallbackView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CALLBACK_KINDS }) kind!: string;
  @ApiProperty({ enum: CALLBACK_METHODS }) method!: string;
  @ApiProperty({ enum: CALLBACK_STATUSES }) status!: string;
  @ApiPropertyOptional({ format: 'uuid' }) ticketId?: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiPropertyOptional() projectCode?: string;
  @ApiPropertyOptional() sectionCode?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiPropertyOptional({ description: 'absent: the project’s pool does it' }) assignee?: string;
  @ApiPropertyOptional() policyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) planId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) previousCallbackId?: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() attemptsAllowed!: number;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'when to try again after an unanswered attempt' }) nextAttemptAt?: string;
  @ApiPropertyOptional() satisfied?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiProperty({ type: [FollowUpView] }) followUps!: FollowUpView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(t: CallbackTask): CallbackView {
    const iso = (d: Date | undefined) => d?.toISOString();
    return {
      id: t.id,
      kind: t.kind,
      method: t.method,
      status: t.status,
      customerId: t.customerId,
      dueAt: t.dueAt.toISOString(),
      attemptsAllowed: t.attemptsAllowed,
      attempts: t.attempts,
      followUps: t.followUps.map((f) => ({ ...f, at: f.at.toISOString() })),
      createdAt: t.createdAt.toISOString(),
      ...presentProps({
        ticketId: t.ticketId,
        projectCode: t.projectCode,
        sectionCode: t.sectionCode,
        itemCode: t.itemCode,
        assignee: t.assignee,
        policyId: t.policyId,
        planId: t.planId,
        previousCallbackId: t.previousCallbackId,
        nextAttemptAt: iso(t.nextAttemptAt),
        satisfied: t.satisfied,
        completedAt: iso(t.completedAt),
      }),
    };
  }
}

export class CallbackPage {
  @ApiProperty({ type: [CallbackView] }) items!: CallbackView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page' }) nextCursor?: string;
}

export class AttemptView {
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: CALLBACK_OUTCOMES }) outcome!: string;
  @ApiPropertyOptional({ enum: SATISFACTION_LEVELS }) satisfaction?: string;
  @ApiPropertyOptional() score?: number;
  @ApiPropertyOptional() serviceScore?: number;
  @ApiPropertyOptional({ description: 'personal data redacted' }) comment?: string;
  @ApiPropertyOptional({ description: 'personal data redacted' }) newNeeds?: string;
  @ApiPropertyOptional({ format: 'date-time' }) nextAttemptAt?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;

  static of(a: StoredAttempt): AttemptView {
    const { at, nextAttemptAt, ...said } = a;
    return { ...said, at: at.toISOString(), ...presentProps({ nextAttemptAt: nextAttemptAt?.toISOString() }) };
  }
}

/** The ticket as the callbacks service last heard of it. */
export class CallbackTicketView {
  @ApiProperty() number!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;

  static of(t: FollowedTicket): CallbackTicketView {
    return { number: t.number, status: t.status, openedAt: t.openedAt.toISOString(), ...presentProps({ itemCode: t.itemCode }) };
  }
}

/** The customer as callbacks knows them: masked. The full record is `GET /v1/customers/{id}` in intake, which checks the PII permission and audits the read. */
export class CallbackCustomerView {
  @ApiProperty({ example: '张*' }) nameMasked!: string;
  @ApiProperty({ example: ['key_customer'] }) tags!: string[];
}

export class CallbackDetailView extends CallbackView {
  @ApiPropertyOptional({ type: CallbackCustomerView, description: 'absent until intake’s customer.registered has reached callbacks' }) customer?: CallbackCustomerView;
  @ApiPropertyOptional({ type: CallbackTicketView, description: 'absent when the ticket’s creation was not seen by this service' }) ticket?: CallbackTicketView;
  @ApiProperty({ type: [AttemptView], description: 'earlier attempts, oldest first' }) attemptHistory!: AttemptView[];
}

export class MissedCallbacksQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'tickets closed at or after this instant' }) @IsOptional() @IsInstant() closedFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'tickets closed before this instant' }) @IsOptional() @IsInstant() closedBefore?: string;
  @ApiPropertyOptional({ default: 100, maximum: 500, description: 'tickets per page' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'pass the previous page’s `nextCursor`, with the same `closedFrom` and `closedBefore`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** A closed ticket whose policy required a callback that never reached the customer. */
export class MissedCallbackView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiPropertyOptional() number?: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiPropertyOptional() projectCode?: string;
  @ApiPropertyOptional() sectionCode?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty() policyId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the last callback, absent when none was scheduled' }) callbackId?: string;
  @ApiPropertyOptional({ enum: CALLBACK_STATUSES, description: 'where the last callback stood when the ticket closed' }) lastStatus?: string;
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
}

export class MissedCallbacksView {
  @ApiProperty({ type: [MissedCallbackView], description: 'newest close first' }) items!: MissedCallbackView[];
  @ApiPropertyOptional({ description: 'present when more tickets follow: pass as `cursor` for the next page' }) nextCursor?: string;
}

/** The callbacks held for their calendar: every filter given must hold, within the caller's projects. */
export class HeldCallbacksQuery {
  @ApiPropertyOptional({ example: 'default', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$', description: 'held for this calendar' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/)
  calendarId?: string;
  @ApiPropertyOptional({ example: 'P001', minLength: 1, maxLength: 40, description: 'of this project (one outside your projects lists none)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  projectCode?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'pass the previous page’s `nextCursor`, with the same filters' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** A callback owed but held, unscheduled, because its calendar cannot count its due time (ADR 0116). */
export class HeldCallbackView {
  @ApiProperty({ format: 'uuid', description: 'the id the callback will have once scheduled' }) callbackId!: string;
  @ApiProperty({ enum: CALLBACK_KINDS }) kind!: string;
  @ApiProperty({ enum: CALLBACK_METHODS }) method!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the resolved ticket that owes it' }) ticketId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the plan that owes it (a greeting)' }) planId?: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiPropertyOptional() projectCode?: string;
  @ApiPropertyOptional() sectionCode?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiPropertyOptional({ description: 'absent: the project’s pool will do it' }) assignee?: string;
  @ApiPropertyOptional() policyId?: string;
  @ApiProperty({ example: 'default', description: 'the calendar its due time is counted by' }) calendarId!: string;
  @ApiProperty({ type: 'integer', description: 'the version of the calendar that refused to count it; a newer one is tried' }) calendarVersion!: number;
  @ApiProperty({ enum: CALENDAR_REFUSAL_CODES, description: 'why the calendar refused' }) refusal!: string;
  @ApiProperty({ format: 'date-time', description: 'when it was owed (the resolution or the birthday), which its due time is counted from' }) owedFrom!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'working days after `owedFrom` it is due' }) dueWorkingDays!: number;
  @ApiProperty({ format: 'date-time', description: 'when it was first held, by the time of the event that held it (the resolution or the birthday, usually owedFrom); the list is in this order' }) heldAt!: string;

  static of(h: ListedHold): HeldCallbackView {
    const t = h.task;
    return {
      callbackId: t.id,
      kind: t.kind,
      method: t.method,
      customerId: t.customerId,
      calendarId: h.count.calendarId,
      calendarVersion: h.calendarVersion,
      refusal: h.refusal,
      owedFrom: h.count.from.toISOString(),
      dueWorkingDays: h.count.workingDays,
      heldAt: h.heldAt.toISOString(),
      ...presentProps({ ticketId: t.ticketId, planId: t.planId, projectCode: t.projectCode, sectionCode: t.sectionCode, itemCode: t.itemCode, assignee: t.assignee, policyId: t.policyId }),
    };
  }
}

export class HeldCallbacksView {
  @ApiProperty({ type: [HeldCallbackView], description: 'the longest held first' }) items!: HeldCallbackView[];
  @ApiPropertyOptional({ description: 'present when more follow: pass as `cursor` for the next page' }) nextCursor?: string;
}
