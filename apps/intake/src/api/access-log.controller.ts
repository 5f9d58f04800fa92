import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, IsUuidInLowerCase } from '@cs/platform';
import { CurrentScope, ProjectScope, Roles, ScopedByProject } from '@cs/auth';
import { QueryAccessLog } from '../application/access-log';

export class AccessLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuidInLowerCase() customerId?: string;
  @ApiPropertyOptional({ description: 'user id (sub) of the reader' }) @IsOptional() @IsString() @MaxLength(64) actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() to?: string;
  /**
   * The cursor is the last id of a page, cast to int8 in SQL: 19 digits could overflow it, and
   * the log's ids, counted from 1, never reach 10^18.
   */
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'cursor is not one this API returned', context: { params: { format: 'cursor' } } })
  cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class AccessLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'user id (sub) of the reader' }) actor!: string;
  @ApiProperty() actorName!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: '回电核实', description: 'the X-Access-Purpose the reader gave' }) purpose!: string;
  @ApiProperty({ type: [String], example: ['phones', 'name'], description: 'the personal fields shown unmasked' }) fields!: readonly string[];
  @ApiPropertyOptional() requestId?: string;
  @ApiProperty({ format: 'date-time' }) accessedAt!: string;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items!: AccessLogEntryDto[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page; absent on the last page' }) nextCursor?: string;
}

@ApiTags('customers')
@ScopedByProject()
@Controller('v1/pii-access-log')
export class AccessLogController {
  constructor(private readonly log: QueryAccessLog) {}

  @Get()
  @Roles('supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({ summary: 'Who read which customer’s personal data unmasked, when and why (newest first)' })
  @ApiOkResponse({ type: AccessLogPageDto })
  async list(@Query() query: AccessLogQueryDto, @CurrentScope() scope: ProjectScope): Promise<AccessLogPageDto> {
    return this.log.list({
      customerId: query.customerId,
      actor: query.actor,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      cursor: query.cursor,
      limit: query.limit ?? 50,
    }, scope);
  }
}
