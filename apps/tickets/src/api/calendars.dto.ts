import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OFFICE_HOURS } from '@cs/business-calendar';

// For the OpenAPI document only: PUT bodies are checked by @cs/business-calendar's parseCalendar,
// which reports every problem by its path in the document (422), not by the validation pipe.

const INTERVALS = {
  type: 'array',
  items: { type: 'array', items: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, minItems: 2, maxItems: 2 },
  description: '[start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off',
  example: OFFICE_HOURS,
} as const;

export class WeeklyHoursDto {
  @ApiProperty(INTERVALS) mon!: string[][];
  @ApiProperty(INTERVALS) tue!: string[][];
  @ApiProperty(INTERVALS) wed!: string[][];
  @ApiProperty(INTERVALS) thu!: string[][];
  @ApiProperty(INTERVALS) fri!: string[][];
  @ApiProperty({ ...INTERVALS, example: [] }) sat!: string[][];
  @ApiProperty({ ...INTERVALS, example: [] }) sun!: string[][];
}

export class HolidayDto {
  @ApiProperty({ example: '2026-10-01', format: 'date' }) date!: string;
  @ApiProperty({ example: '国庆节' }) name!: string;
}

export class AdjustedWorkingDayDto {
  @ApiProperty({ example: '2026-09-27', format: 'date' }) date!: string;
  @ApiProperty({ example: '国庆节调休' }) name!: string;
  @ApiPropertyOptional({ ...INTERVALS, description: "the day's own hours; absent: Monday's" }) hours?: string[][];
}

export class CalendarDocumentDto {
  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone name (offsets such as +08:00 are refused)' })
  timezone!: string;

  @ApiProperty({ type: WeeklyHoursDto, description: 'all seven days, mon…sun' })
  workingHours!: WeeklyHoursDto;

  @ApiPropertyOptional({ type: [HolidayDto], description: 'dates without working time' })
  holidays?: HolidayDto[];

  @ApiPropertyOptional({ type: [AdjustedWorkingDayDto], description: '调休: dates that are working days' })
  workingDays?: AdjustedWorkingDayDto[];
}

export class CalendarViewDto extends CalendarDocumentDto {
  @ApiProperty({ example: 'default' }) id!: string;
  @ApiProperty({ example: 3, description: 'also the ETag; send it back as If-Match when editing' }) version!: number;
}

export class CalendarDueDto {
  @ApiProperty({ example: '2026-10-09T17:30:00+08:00', description: "the deadline in the calendar's time zone, with its UTC offset" })
  due!: string;
}
