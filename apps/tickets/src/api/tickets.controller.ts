import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { uuidParam } from '@cs/platform';
import { FindTickets } from '../application/find-tickets';
import { TicketPage, TicketView } from './ticket.view';

@ApiTags('tickets')
@Controller('v1/tickets')
export class TicketsController {
  constructor(private readonly find: FindTickets) {}

  @Get(':id')
  @ApiOperation({ summary: 'A ticket' })
  @ApiOkResponse({ type: TicketView })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal): Promise<TicketView> {
    return TicketView.of(await this.find.byId(id, user));
  }

  @Get()
  @ApiOperation({ summary: 'Tickets; `contactId` finds the ticket a contact opened' })
  @ApiQuery({ name: 'contactId', required: true, description: 'the contact whose ticket to find' })
  @ApiOkResponse({ type: TicketPage })
  async list(@Query('contactId') contactId: string | undefined, @CurrentUser() user: Principal): Promise<TicketPage> {
    if (!contactId || !/^[0-9a-f-]{36}$/i.test(contactId)) {
      throw new DomainError('TICKET.QUERY_INVALID', 'invalid', 'contactId must be a UUID', 'contactId');
    }
    return { items: (await this.find.byContact(contactId, user)).map(TicketView.of) };
  }
}
