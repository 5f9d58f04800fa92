import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CHANNELS, Channel } from '@cs/contracts';
import { MAX_CONTENT_LENGTH } from '../domain/contact';

export class ContactCustomerDto {
  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  name!: string;

  @ApiProperty({ example: '138 1234 5678', description: 'any common format; normalised to +86…' })
  @IsString()
  @MaxLength(32)
  phone!: string;

  @ApiPropertyOptional({ example: 'P001' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  projectCode?: string;

  @ApiPropertyOptional({ example: '3' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  building?: string;

  @ApiPropertyOptional({ example: '1202' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  room?: string;
}

export class RecordContactDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ example: '3栋电梯停在12楼不动了', maxLength: MAX_CONTENT_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CONTENT_LENGTH)
  content!: string;

  @ApiProperty({ type: ContactCustomerDto })
  @ValidateNested()
  @Type(() => ContactCustomerDto)
  customer!: ContactCustomerDto;

  @ApiPropertyOptional({ example: 'repair.public_area', description: 'catalogue item code <section>.<item>' })
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'itemCode must look like <section>.<item>' })
  itemCode?: string;

  @ApiPropertyOptional({ example: '2026-11-24T09:30:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class RecordedContactDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;
}
