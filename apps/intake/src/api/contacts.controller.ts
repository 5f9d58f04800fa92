import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Principal, Roles, ScopedByProject } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { uuidParam } from '@cs/platform';
import type { ContactView } from '../application/contact-presentation';
import { ReadContacts } from '../application/read-contacts';
import { RecordContact } from '../application/record-contact';
import { accessOf, purposeHeader } from './access-purpose';
import { toContactCommand } from './contact-command';
import { ContactPageDto, ContactQueryDto, ContactViewDto, RecordContactDto, RecordedContactDto } from './contact.dto';

const PURPOSE_HEADER = purposeHeader(
  'why personal data is read (e.g. 回电核实); with `customer.pii.read`, the content is shown unmasked and the read is logged; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose`',
);
const TICKET_LINK =
  'A ticket (tickets service, `GET /v1/tickets/{id}`) shows its demand (诉求) as a redacted summary and the ids of its contacts; the full text is read here.';

@ApiTags('contacts')
@ScopedByProject()
@Controller('v1/contacts')
export class ContactsController {
  constructor(
    private readonly recordContact: RecordContact,
    private readonly readContacts: ReadContacts,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The contacts of a customer or of a ticket, newest first, with what the customer said',
    description: `Give exactly one of \`customerId\` and \`ticketId\` (400 naming the field otherwise). Only contacts of the caller’s projects are listed (a contact of no project when its customer is visible). ${TICKET_LINK}`,
  })
  @ApiHeader(PURPOSE_HEADER)
  @ApiOkResponse({ type: ContactPageDto })
  async list(
    @Query() query: ContactQueryDto,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: ContactView[]; nextCursor?: string }> {
    const page = await this.readContacts.list({ ...query, limit: query.limit ?? 20 }, accessOf(user, request));
    void reply.header('cache-control', 'no-store');
    return page;
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One contact with what the customer said',
    description: `Another project’s contact is 404, like an unknown id. ${TICKET_LINK}`,
  })
  @ApiHeader(PURPOSE_HEADER)
  @ApiOkResponse({ type: ContactViewDto })
  async get(
    @Param('id', uuidParam('id')) id: string,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactView> {
    const view = await this.readContacts.byId(id, accessOf(user, request));
    void reply.header('cache-control', 'no-store');
    return view;
  }

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({
    summary: 'Record a customer contact from any channel',
    description: 'A new matter opens a ticket; a contact about an open ticket of the same customer and item joins it as a follow-up.',
  })
  @ApiCreatedResponse({ type: RecordedContactDto })
  async record(@Body() body: RecordContactDto, @CurrentUser() user: Principal): Promise<RecordedContactDto> {
    return this.recordContact.execute(
      toContactCommand(
        body,
        body.channel,
        presentProps({ direction: body.direction, promisedReply: body.promisedReply, grade: body.grade, priority: body.priority }),
      ),
      { kind: 'agent', principal: user },
    );
  }
}
