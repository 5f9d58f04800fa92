import type { Channel } from '@cs/contracts';
import type { RecordContactCommand } from '../application/record-contact';
import type { ContactBodyDto } from './contact.dto';

export function toContactCommand(body: ContactBodyDto, channel: Channel, extra: Partial<RecordContactCommand> = {}): RecordContactCommand {
  return {
    channel,
    content: body.content,
    customer: body.customer,
    ...(body.itemCode ? { itemCode: body.itemCode } : {}),
    ...(body.ticketId ? { ticketId: body.ticketId } : {}),
    ...(body.occurredAt ? { occurredAt: new Date(body.occurredAt) } : {}),
    ...(body.attachments
      ? { attachments: body.attachments.map((a) => ({ name: a.name, type: a.type, sizeBytes: a.size, uri: a.uri })) }
      : {}),
    ...extra,
  };
}
