import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TICKET_STATUSES } from '@cs/contracts';
import { PHONE_PATTERN } from '../domain/phone-number';
import { ContactViewDto } from './contact.dto';
import { CustomerViewDto } from './customer.dto';

export class CallerLookupQueryDto {
  @ApiProperty({ example: '138 1234 5678', description: 'the calling number, any common format', pattern: PHONE_PATTERN })
  @IsString()
  @MinLength(3)
  @MaxLength(32)
  phone!: string;
}

export class DeskTicketDto {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiPropertyOptional({ example: 'TK-20261124-000123', description: 'absent until the tickets service has opened the ticket' }) number?: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiPropertyOptional({ example: 'repair.public_area' }) itemCode?: string;
  @ApiPropertyOptional({ example: 'P001' }) projectCode?: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'the earliest deadline of the SLA clocks still running' }) nextDueAt?: string;
  @ApiProperty({ enum: ['on_track', 'at_risk', 'breached'], description: 'at_risk once a warning threshold passed; breached once a deadline was missed' })
  slaState!: string;
}

export class DeskCallbackDto {
  @ApiProperty({ format: 'uuid' }) callbackId!: string;
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty() satisfied!: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) score?: number;
  @ApiPropertyOptional({ example: '维修及时', description: 'personal data redacted' }) comment?: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
  @ApiProperty({ example: 'agent-7' }) completedBy!: string;
}

export class CallerCardDto {
  @ApiProperty({ type: CustomerViewDto, description: 'masked unless `customer.pii.read` and `X-Access-Purpose`; tags such as `key_customer`' })
  customer!: CustomerViewDto;
  @ApiProperty({ type: [DeskTicketDto], description: 'open tickets of the caller’s projects, nearest deadline first' }) openTickets!: DeskTicketDto[];
  @ApiProperty({ type: [ContactViewDto], description: 'the last 5 contacts, newest first' }) lastContacts!: ContactViewDto[];
  @ApiProperty({ type: [DeskCallbackDto], description: 'the last 5 completed callbacks (回访), newest first' }) lastCallbacks!: DeskCallbackDto[];
}

export class CallerLookupDto {
  @ApiProperty({ type: [CallerCardDto], description: 'one card per customer record holding the phone that the caller may see; empty when none' })
  items!: CallerCardDto[];
}
