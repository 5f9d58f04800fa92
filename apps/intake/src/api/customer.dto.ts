import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Omittable, NestedEach, IsInstant, ONE_LINE_PATTERN, IsUuidInLowerCase } from '@cs/platform';
import { PHONE_PATTERN } from '../domain/phone-number';
import { MAX_PHONES, MAX_TAGS, MAX_UNITS } from '../domain/customer';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NOT_BLANK, PLACE_CODE, UNIT_RELATIONS } from './contact.dto';

export class UnitDto {
  @ApiProperty({ example: 'P001' }) @IsString() @MinLength(1) @MaxLength(40) projectCode!: string;
  @ApiPropertyOptional({ example: '3', description: PLACE_CODE('CUSTOMER.PERSONAL_DATA') }) @IsOptional() @IsString() @MaxLength(40) building?: string;
  @ApiPropertyOptional({ example: '1202', description: PLACE_CODE('CUSTOMER.PERSONAL_DATA') }) @IsOptional() @IsString() @MaxLength(40) room?: string;
  @ApiProperty({ enum: UNIT_RELATIONS }) @IsIn(UNIT_RELATIONS) relation!: (typeof UNIT_RELATIONS)[number];
}

export class PurchaseDto {
  @ApiPropertyOptional({ example: '2025-06-18' }) @IsOptional() @IsInstant() date?: string;
  @ApiPropertyOptional({ example: '三室两厅' }) @IsOptional() @IsString() @MaxLength(40) unitType?: string;
  @ApiPropertyOptional({ example: 128.5 }) @IsOptional() @IsNumber() @Min(0) areaSqm?: number;
  @ApiPropertyOptional({ example: 3850000 }) @IsOptional() @IsNumber() @Min(0) priceYuan?: number;
}

const TAG = /^[a-z0-9_]{1,40}$/;
const TAGS_DESCRIPTION =
  'lower-case snake_case codes, shown and published as given (customer.registered, customer.updated): one holding a phone number or an ID number is 422 CUSTOMER.PERSONAL_DATA naming it (tags[1])';
const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterCustomerDto {
  @ApiProperty({ example: '张三' }) @IsString() @MinLength(1) @MaxLength(40) @Matches(NOT_BLANK) name!: string;

  @ApiProperty({
    example: ['138 1234 5678'],
    description: 'the first is the primary number; any common format (422 for one that is not a phone number)',
    items: { type: 'string', pattern: PHONE_PATTERN },
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PHONES)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  phones!: string[];

  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '上海市浦东新区花木路100弄3号1202室' }) @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional({ type: String, format: 'date', example: '1985-06-18', description: 'birth date (YYYY-MM-DD) for birthday care; personal data, shown masked without customer.pii.read' })
  @IsOptional()
  @Matches(BIRTH_DATE, { message: 'birthDate is YYYY-MM-DD' })
  birthDate?: string;


  @ApiPropertyOptional({ type: [UnitDto] })
  @IsOptional()
  @ArrayMaxSize(MAX_UNITS)
  @NestedEach(() => UnitDto)
  units?: UnitDto[];

  @ApiPropertyOptional({ example: ['key_customer'], description: TAGS_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @Matches(TAG, { each: true, message: 'tags are lower-case snake_case' })
  tags?: string[];

  @ApiPropertyOptional({ type: PurchaseDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PurchaseDto) purchase?: PurchaseDto;
}

export class UpdateCustomerDto {
  @ApiPropertyOptional() @Omittable() @IsString() @MinLength(1) @MaxLength(40) @Matches(NOT_BLANK) name?: string;

  @ApiPropertyOptional({ type: [String], items: { type: 'string', pattern: PHONE_PATTERN } })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PHONES)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  phones?: string[];

  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional({ type: String, format: 'date', example: '1985-06-18', nullable: true, description: 'YYYY-MM-DD; null removes it' })
  @IsOptional()
  @Matches(BIRTH_DATE, { message: 'birthDate is YYYY-MM-DD' })
  birthDate?: string | null;

  @ApiPropertyOptional({ type: [UnitDto] })
  @IsOptional()
  @ArrayMaxSize(MAX_UNITS)
  @NestedEach(() => UnitDto)
  units?: UnitDto[];

  @ApiPropertyOptional({ description: TAGS_DESCRIPTION }) @IsOptional() @ArrayMaxSize(MAX_TAGS) @Matches(TAG, { each: true }) tags?: string[];
  @ApiPropertyOptional({ type: PurchaseDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PurchaseDto) purchase?: PurchaseDto;
}

export class MergeCustomersDto {
  @ApiProperty({ format: 'uuid', description: 'the duplicate folded into this customer' }) @IsUuidInLowerCase() duplicateId!: string;
  @ApiProperty({ example: '同一业主两个号码' }) @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class EraseCustomerDto {
  @ApiProperty({ example: '客户依《个人信息保护法》申请删除' }) @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class CustomerQueryDto {
  @ApiPropertyOptional({ example: '13812345678', description: 'any format', pattern: PHONE_PATTERN }) @IsOptional() @IsString() @MaxLength(32) phone?: string;
  @ApiPropertyOptional({ description: 'exact full name' }) @IsOptional() @IsString() @MaxLength(40) @Matches(NOT_BLANK) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) projectCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) building?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) room?: string;
  @ApiPropertyOptional({ description: 'why personal data is read (logged with unmasked reads); one line, without control characters', pattern: ONE_LINE_PATTERN })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  purpose?: string;
}

export class CustomerViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '张*' }) name!: string;
  @ApiProperty({ example: ['138****5678'] }) phones!: string[];
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() address?: string;
  @ApiPropertyOptional({ example: '****-**-**', description: 'YYYY-MM-DD; masked without customer.pii.read' }) birthDate?: string;
  @ApiProperty({ type: [UnitDto] }) units!: UnitDto[];
  @ApiProperty() tags!: string[];
  @ApiPropertyOptional({ type: PurchaseDto }) purchase?: PurchaseDto;
  @ApiProperty({ description: 'true unless the caller holds customer.pii.read' }) masked!: boolean;
  @ApiProperty() erased!: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) mergedInto?: string;
}

export class CustomerListDto {
  @ApiProperty({ type: [CustomerViewDto] }) items!: CustomerViewDto[];
}

export class CustomerMergeDto {
  @ApiProperty({ format: 'uuid', description: 'the duplicate folded into this customer' }) mergedId!: string;
  @ApiProperty({ description: 'user id (sub) of who merged them' }) mergedBy!: string;
  @ApiProperty({ example: '同一业主两个号码' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) mergedAt!: string;
}

export class CustomerMergeListDto {
  @ApiProperty({ type: [CustomerMergeDto] }) items!: CustomerMergeDto[];
}
