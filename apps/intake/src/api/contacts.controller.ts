import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@cs/auth';
import { RecordContact } from '../application/record-contact';
import { RecordContactDto, RecordedContactDto } from './record-contact.dto';

@ApiTags('contacts')
@Controller('v1/contacts')
export class ContactsController {
  constructor(private readonly recordContact: RecordContact) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Record a customer contact from any channel; a new matter opens a ticket' })
  @ApiCreatedResponse({ type: RecordedContactDto })
  async record(@Body() body: RecordContactDto, @CurrentUser() user: Principal): Promise<RecordedContactDto> {
    return this.recordContact.execute({
      channel: body.channel,
      content: body.content,
      customer: body.customer,
      recordedBy: user.sub,
      ...(body.itemCode ? { itemCode: body.itemCode } : {}),
      ...(body.occurredAt ? { occurredAt: new Date(body.occurredAt) } : {}),
    });
  }
}
