import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TicketRecord } from '../infrastructure/ticket.record';

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TK-20261124-000123' }) number!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() channel!: string;
  @ApiPropertyOptional() sectionCode?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiPropertyOptional() projectCode?: string;
  @ApiPropertyOptional() building?: string;
  @ApiPropertyOptional() room?: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ example: '张*', description: 'masked; a pseudonym once the customer was erased' }) customerName!: string;
  @ApiProperty({ description: '催办 — contacts after the first' }) repeatContactCount!: number;
  @ApiProperty() createdAt!: string;

  static of(record: TicketRecord): TicketView {
    const optional = (value: string | null) => value ?? undefined;
    return {
      id: record.id,
      number: record.number,
      status: record.status,
      contactId: record.contactId,
      customerId: record.customerId,
      channel: record.channel,
      sectionCode: optional(record.sectionCode),
      itemCode: optional(record.itemCode),
      projectCode: optional(record.projectCode),
      building: optional(record.building),
      room: optional(record.room),
      ownerId: record.ownerId,
      customerName: record.customerName,
      repeatContactCount: record.repeatContactCount,
      createdAt: record.createdAt.toISOString(),
    };
  }
}

export class TicketPage {
  @ApiProperty({ type: [TicketView] }) items!: TicketView[];
}
