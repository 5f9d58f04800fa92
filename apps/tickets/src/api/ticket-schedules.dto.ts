import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PRIORITIES } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import { ApiSchemaKeywords, IsItemCode, ITEM_CODE_SCHEMA, Omittable } from '@cs/platform';
import { MAX_INTERVAL, NON_WORKING_DAY_RULES, NonWorkingDayRule, ScheduleRecurrence } from '../domain/ticket-schedule';
import type { Priority } from '../domain/ticket-lifecycle';
import type { ScheduleRequest } from '../application/manage-ticket-schedules';
import type { ScheduleDetail } from '../application/manage-ticket-schedules';
import type { StoredSchedule } from '../infrastructure/ticket-schedule.repository';
import { Text } from './ticket-commands.dto';

const EVERY = ['day', 'week', 'month'] as const;
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

// Weekly names its weekdays, monthly its day; each unit has its own longest interval
// (422 TICKET_SCHEDULE.INVALID otherwise).
@ApiSchemaKeywords({
  oneOf: [
    { properties: { every: { enum: ['day'] }, interval: { type: 'integer', maximum: MAX_INTERVAL.day } } },
    { properties: { every: { enum: ['week'] }, interval: { type: 'integer', maximum: MAX_INTERVAL.week } }, required: ['weekdays'] },
    { properties: { every: { enum: ['month'] }, interval: { type: 'integer', maximum: MAX_INTERVAL.month } }, required: ['dayOfMonth'] },
  ],
})
export class ScheduleRecurrenceDto {
  @ApiProperty({ enum: EVERY, description: 'every `interval` days, weeks (on `weekdays`) or months (on `dayOfMonth`)' }) @IsIn(EVERY) every!: (typeof EVERY)[number];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_INTERVAL.day, default: 1, description: `up to ${MAX_INTERVAL.day} days, ${MAX_INTERVAL.week} weeks or ${MAX_INTERVAL.month} months` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INTERVAL.day)
  interval?: number;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 7 },
    minItems: 1,
    maxItems: 7,
    uniqueItems: true,
    example: [4],
    description: 'with every=week: ISO weekdays, 1 Monday … 7 Sunday, each once',
  })
  @ValidateIf((o: ScheduleRecurrenceDto) => o.every === 'week')
  @IsDefined()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 31, description: 'with every=month: the day; a shorter month takes its last day' })
  @ValidateIf((o: ScheduleRecurrenceDto) => o.every === 'month')
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(31)
  dayOfMonth?: number;
}

export class TicketScheduleDto {
  @ApiProperty({ example: '3栋消防设施周检', description: 'what the work is: each ticket’s demand (personal data redacted)' }) @Text(200) name!: string;
  @ApiProperty({ example: 'P001' }) @IsString() @MinLength(1) @MaxLength(40) projectCode!: string;
  @ApiPropertyOptional({ ...ITEM_CODE_SCHEMA, example: 'repair.public_area', description: 'an active catalogue item (422 otherwise)' })
  @IsOptional()
  @IsItemCode()
  itemCode?: string;
  @ApiPropertyOptional({ example: '3' }) @IsOptional() @Text(40) building?: string;
  @ApiProperty({ example: 'engineering', description: 'the department each ticket is dispatched (派单) to; a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET_SCHEDULE.PERSONAL_DATA naming `department`' }) @Text(80) department!: string;
  @ApiPropertyOptional({ example: 'handler-12' }) @IsOptional() @Text(64) handler?: string;
  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiProperty({ type: ScheduleRecurrenceDto }) @IsDefined() @ValidateNested() @Type(() => ScheduleRecurrenceDto) recurrence!: ScheduleRecurrenceDto;
  @ApiPropertyOptional({ example: '09:00', default: '09:00', description: 'local time (the calendar’s zone) at which each ticket opens', pattern: HH_MM.source })
  @IsOptional()
  @Matches(HH_MM)
  timeOfDay?: string;
  @ApiPropertyOptional({ default: 'default', description: 'the business calendar that says which days are working days (holidays, 调休)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/)
  calendarId?: string;
  @ApiPropertyOptional({
    enum: NON_WORKING_DAY_RULES,
    default: 'next_working_day',
    description: 'an occurrence on a weekend or holiday opens on the next working day, or is skipped; a day opens at most one ticket of a schedule',
  })
  @IsOptional()
  @IsIn(NON_WORKING_DAY_RULES)
  onNonWorkingDay?: NonWorkingDayRule;
  @ApiProperty({ format: 'date', example: '2026-12-03', description: 'the first day an occurrence may fall on; at most 92 days back (what it missed since opens at once)', pattern: ISO_DAY.source })
  @Matches(ISO_DAY)
  startsOn!: string;
  @ApiPropertyOptional({ format: 'date', example: '2027-12-31', description: 'the last; absent, it never ends', pattern: ISO_DAY.source })
  @IsOptional()
  @Matches(ISO_DAY)
  endsOn?: string;
}

export class TicketScheduleUpdateDto extends TicketScheduleDto {
  @ApiPropertyOptional({ default: true, description: 'false pauses it: nothing opens until it is true again (what it missed while paused is not opened)' })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class OccurrenceView {
  @ApiProperty({ format: 'date', description: 'the day the rule names' }) occurrenceOn!: string;
  @ApiProperty({ format: 'date', description: 'the working day its ticket opens' }) opensOn!: string;
}

export class NextOccurrenceView extends OccurrenceView {
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
}

export class OpenedOccurrenceView extends OccurrenceView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

export class TicketScheduleView extends TicketScheduleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '首问责任人 of its tickets: who made or last changed it' }) ownerId!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'the ETag an If-Match on PUT or DELETE compares with' }) version!: number;
  @ApiPropertyOptional({ type: NextOccurrenceView, description: 'absent when it ended or is paused' }) next?: NextOccurrenceView;
  @ApiProperty({ description: 'how many tickets it opened' }) opened!: number;
  @ApiPropertyOptional({ type: [OpenedOccurrenceView], description: 'the latest it opened, newest first (on GET by id)' }) recent?: OpenedOccurrenceView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(s: StoredSchedule | ScheduleDetail): TicketScheduleView {
    const { recurrence, ...rule } = s.schedule;
    return {
      ...rule,
      recurrence: recurrence.every === 'week' ? { ...recurrence, weekdays: [...recurrence.weekdays] } : { ...recurrence },
      active: s.active,
      version: s.version,
      ...(s.next ? { next: { occurrenceOn: s.next.occurrenceOn, opensOn: s.next.opensOn, opensAt: s.next.opensAt.toISOString() } } : {}),
      opened: s.opened,
      ...('recent' in s ? { recent: s.recent.map((o) => ({ ...o, openedAt: o.openedAt.toISOString() })) } : {}),
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

export class TicketSchedulesView {
  @ApiProperty({ type: [TicketScheduleView] }) items!: TicketScheduleView[];
}

export class ScheduleListQuery {
  @ApiPropertyOptional({ example: 'P001', description: 'only this project’s (within yours)' }) @IsOptional() @IsString() @MaxLength(40) project?: string;
}

function recurrenceOf(dto: ScheduleRecurrenceDto): ScheduleRecurrence {
  const interval = dto.interval ?? 1;
  switch (dto.every) {
    case 'day':
      return { every: 'day', interval };
    case 'week':
      return { every: 'week', interval, weekdays: [...(dto.weekdays ?? [])].sort((a, b) => a - b) };
    case 'month':
      return { every: 'month', interval, dayOfMonth: dto.dayOfMonth ?? 1 };
  }
}

/** The request as the service takes it, every default applied. */
export function scheduleRequestOf(dto: TicketScheduleDto): ScheduleRequest {
  return {
    name: dto.name,
    projectCode: dto.projectCode,
    ...presentProps({ itemCode: dto.itemCode, building: dto.building, handler: dto.handler, endsOn: dto.endsOn }),
    department: dto.department,
    priority: dto.priority ?? 'normal',
    recurrence: recurrenceOf(dto.recurrence),
    timeOfDay: dto.timeOfDay ?? '09:00',
    calendarId: dto.calendarId ?? 'default',
    onNonWorkingDay: dto.onNonWorkingDay ?? 'next_working_day',
    startsOn: dto.startsOn,
  };
}
