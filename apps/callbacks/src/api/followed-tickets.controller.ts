import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { uuidParam } from '@cs/platform';

export class FollowedTicketView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty() openedAt!: string;
}

@ApiTags('callbacks')
@Controller('v1/callbacks/tickets')
export class FollowedTicketsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':ticketId')
  @ApiOperation({ summary: 'What the callbacks service knows of a ticket it will call back about' })
  @ApiOkResponse({ type: FollowedTicketView })
  async get(@Param('ticketId', uuidParam('ticketId')) ticketId: string): Promise<FollowedTicketView> {
    const [row] = (await this.dataSource.query(
      'SELECT ticket_id, number, status, item_code, opened_at FROM followed_tickets WHERE ticket_id = $1',
      [ticketId],
    )) as { ticket_id: string; number: string; status: string; item_code: string | null; opened_at: Date }[];
    if (!row) throw new DomainError('CALLBACK.TICKET_NOT_FOUND', 'not_found', `ticket ${ticketId} not known here`);
    return {
      ticketId: row.ticket_id,
      number: row.number,
      status: row.status,
      ...(row.item_code ? { itemCode: row.item_code } : {}),
      openedAt: row.opened_at.toISOString(),
    };
  }
}
