import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { TICKET_STATUSES } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { uuidParam } from '@cs/platform';
import { FollowedTicketsRepository } from '../infrastructure/followed-tickets.repository';

export class FollowedTicketView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiPropertyOptional() projectCode?: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

@ApiTags('callbacks')
@ScopedByProject()
@Controller('v1/callbacks/tickets')
export class FollowedTicketsController {
  constructor(private readonly tickets: FollowedTicketsRepository) {}

  @Get(':ticketId')
  @ApiOperation({ summary: 'What the callbacks service knows of a ticket it will call back about (404 outside your projects)' })
  @ApiOkResponse({ type: FollowedTicketView })
  async get(@Param('ticketId', uuidParam('ticketId')) ticketId: string, @CurrentScope() scope: ProjectScope): Promise<FollowedTicketView> {
    const ticket = await this.tickets.find(ticketId, scopedProjects(scope));
    if (!ticket) throw new DomainError('CALLBACK.TICKET_NOT_FOUND', 'not_found', `ticket ${ticketId} not known here`);
    return { ...ticket, openedAt: ticket.openedAt.toISOString() };
  }
}
