import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ScopedByProject } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { RecordContact } from '../application/record-contact';
import { toContactCommand } from './contact-command';
import { RecordContactDto, RecordedContactDto } from './contact.dto';

@ApiTags('contacts')
@ScopedByProject()
@Controller('v1/contacts')
export class ContactsController {
  constructor(private readonly recordContact: RecordContact) {}

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
