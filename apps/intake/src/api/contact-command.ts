import type { Channel } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { RecordContactCommand } from '../application/record-contact';
import type { ContactBodyDto } from './contact.dto';

export function toContactCommand(body: ContactBodyDto, channel: Channel, extra: Partial<RecordContactCommand> = {}): RecordContactCommand {
  return {
    channel,
    content: body.content,
    customer: body.customer,
    ...presentProps({
      itemCode: body.itemCode,
      ticketId: body.ticketId,
      occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
      attachments: body.attachments?.map((a) => ({ name: a.name, type: a.type, sizeBytes: a.size, uri: a.uri })),
    }),
    ...extra,
  };
}
