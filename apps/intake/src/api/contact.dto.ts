import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PHONE_PATTERN } from '../domain/phone-number';
import { IsCallablePhone } from './phone-number.validator';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant, IsItemCode, ITEM_CODE_SCHEMA, NestedEach, IsUuidInLowerCase } from '@cs/platform';
import { CHANNELS, Channel, GRADES, PRIORITIES, PROMISE_TIERS, PromiseTier } from '@cs/contracts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../domain/attachments';
import { MAX_CONTENT_LENGTH } from '../domain/contact';

export const UNIT_RELATIONS = ['owner', 'tenant', 'family', 'other'] as const;

/** Any character but NUL (a pattern's source: the server refuses NUL in every request text). */
const NOT_NUL = '[^\\u0000]';

/**
 * A name of spaces alone (the ideographic one too) is no name: the blind index has nothing to
 * index. Published as its pattern, it also says that NUL is refused, as every request text's does
 * (a field with a pattern of its own gets no NO_NUL_PATTERN). The character that is not a space is
 * the first after the leading spaces: read anywhere ([^\0]*[^\s\0][^\0]*), a long name ending in a
 * refused character was read again from each of its characters, in time growing as its square.
 */
export const NOT_BLANK = new RegExp(`^\\s*[^\\s\\u0000]${NOT_NUL}*$`, 'u');

/** What a building or a room says of itself: a code, published as given. */
export const PLACE_CODE = (code: string) => `a code naming the place, shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ${code} naming it`;

export class ContactCustomerDto {
  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(NOT_BLANK)
  name?: string;

  @ApiPropertyOptional({ example: '138 1234 5678', description: 'any common format; normalised to +86…', pattern: PHONE_PATTERN })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @IsCallablePhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'P001' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  projectCode?: string;

  @ApiPropertyOptional({ example: '3', description: PLACE_CODE('CONTACT.PERSONAL_DATA') })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  building?: string;

  @ApiPropertyOptional({ example: '1202', description: PLACE_CODE('CONTACT.PERSONAL_DATA') })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  room?: string;

  @ApiPropertyOptional({ enum: UNIT_RELATIONS })
  @IsOptional()
  @IsIn(UNIT_RELATIONS)
  relation?: (typeof UNIT_RELATIONS)[number];
}

export class AttachmentDto {
  @ApiProperty({ example: 'leak.jpg' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name!: string;

  @ApiProperty({ example: 'image/jpeg' })
  @IsString()
  @MaxLength(127)
  type!: string;

  @ApiProperty({ example: 120000, description: 'bytes', maximum: MAX_ATTACHMENT_BYTES })
  @IsInt()
  @Min(0)
  @Max(MAX_ATTACHMENT_BYTES)
  size!: number;

  @ApiProperty({ example: 'https://files.example.com/2026/11/leak.jpg' })
  @IsString()
  @MaxLength(2048)
  uri!: string;
}

/** What every channel's contact carries; agents send it as is, gateways inside their envelope. */
export class ContactBodyDto {
  @ApiProperty({ example: '3栋电梯停在12楼不动了', maxLength: MAX_CONTENT_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CONTENT_LENGTH)
  content!: string;

  @ApiProperty({ type: ContactCustomerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactCustomerDto)
  customer!: ContactCustomerDto;

  @ApiPropertyOptional({ ...ITEM_CODE_SCHEMA, example: 'repair.public_area', description: 'catalogue item code <section>.<item>, of an active item: one added is accepted once intake has it, one withdrawn is refused from at most 10 s after intake learns of it (ADR 0188)' })
  @IsOptional()
  @IsItemCode()
  itemCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the ticket this contact is about (催办/查询)' })
  @IsOptional()
  @IsUuidInLowerCase()
  ticketId?: string;

  @ApiPropertyOptional({
    example: '2026-11-24T09:30:00+08:00',
    description: 'when it happened (now when absent): at most 5 minutes ahead of the server, and at most 90 days back (422 naming occurredAt)',
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ type: [AttachmentDto], maxItems: MAX_ATTACHMENTS })
  @IsOptional()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @NestedEach(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

export class RecordContactDto extends ContactBodyDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ enum: PROMISE_TIERS, description: 'reply time promised to the customer (consultations), at most 3 working days' })
  @IsOptional()
  @IsIn(PROMISE_TIERS)
  promisedReply?: PromiseTier;

  @ApiPropertyOptional({ enum: GRADES, description: 'complaints: a major complaint escalates to leaders at once' })
  @IsOptional()
  @IsIn(GRADES)
  grade?: (typeof GRADES)[number];

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: (typeof PRIORITIES)[number];

  @ApiPropertyOptional({ enum: ['inbound', 'outbound'], default: 'inbound' })
  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  direction?: 'inbound' | 'outbound';
}

export class InboundMessageDto extends ContactBodyDto {
  @ApiProperty({ example: 'sms-20261124-000042', description: 'the gateway’s message id; a second delivery of it is refused' })
  @IsString()
  @Matches(/^[\w.:@-]{1,128}$/)
  messageId!: string;
}

export class RecordedContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: ['new_matter', 'follow_up'] }) route!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'for a follow-up, the ticket it joined' }) ticketId?: string;
}

export class ContactQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the customer’s contacts; give this or ticketId, not both' })
  @IsOptional()
  @IsUuidInLowerCase()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the contacts about a ticket (the one that opened it and its follow-ups); give this or customerId' })
  @IsOptional()
  @IsUuidInLowerCase()
  ticketId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ContactUnitDto {
  @ApiPropertyOptional({ example: 'P001' }) projectCode?: string;
  @ApiPropertyOptional({ example: '3' }) building?: string;
  @ApiPropertyOptional({ example: '1202' }) room?: string;
}

export class ContactViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T01:30:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: 'agent-7', description: 'the agent’s user id, or `gateway:<channel>`' }) recordedBy!: string;
  @ApiProperty({ type: ContactUnitDto }) unit!: ContactUnitDto;
  @ApiPropertyOptional({
    example: '3栋电梯停在12楼不动了，回电138****5678',
    description: 'what the customer said; phones, e-mails and ID numbers masked unless `masked` is false; absent once the customer was erased',
  })
  content?: string;
  @ApiProperty({ description: 'false only for a holder of `customer.pii.read` who sent `X-Access-Purpose` (the read is logged)' }) masked!: boolean;
  @ApiProperty({ description: 'the customer’s personal data, this content included, was erased on request' }) erased!: boolean;
  @ApiProperty({ enum: ['new_matter', 'follow_up'] }) route!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the ticket of the matter (GET /v1/tickets/{id} on the tickets service)' }) ticketId?: string;
  @ApiPropertyOptional({ example: 'repair.public_area' }) itemCode?: string;
  @ApiProperty({
    type: [AttachmentDto],
    description: 'unless `masked` is false, phones, e-mails and ID numbers are masked in each name as in content, and in each uri’s user, host, folders, file name, query and fragment, `\\` separating its parts as `/` does, its password three stars (its scheme as stored; ADR 0162)',
  })
  attachments!: AttachmentDto[];
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactViewDto] }) items!: ContactViewDto[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next (older) page' }) nextCursor?: string;
}
