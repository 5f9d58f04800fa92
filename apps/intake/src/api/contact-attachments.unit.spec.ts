import { MAX_ATTACHMENT_BYTES } from '../domain/attachments';
import { InboundMessageDto, RecordContactDto } from './contact.dto';
import { invalidFields } from './refused-fields.support.spec';

const attachment = (size: number) => ({ name: 'leak.jpg', type: 'image/jpeg', size, uri: 'https://files.example.com/leak.jpg' });
const contact = (size: number) => ({ channel: 'phone', content: '漏水照片见附件', customer: { phone: '13812345678' }, attachments: [attachment(1200), attachment(size)] });

describe('a contact’s attachment size', () => {
  it('given an attachment up to the largest one kept, when the contact is read in, then it is taken', async () => {
    expect(await invalidFields(contact(MAX_ATTACHMENT_BYTES), RecordContactDto)).toEqual([]);
  });

  it('given a larger one, from an agent or a gateway, then it is refused naming the size as the request calls it', async () => {
    expect(await invalidFields(contact(MAX_ATTACHMENT_BYTES + 1), RecordContactDto)).toEqual(['attachments[1].size']);
    const { channel: _channel, ...message } = contact(Number.MAX_SAFE_INTEGER);
    expect(await invalidFields({ ...message, messageId: 'sms-1' }, InboundMessageDto)).toEqual(['attachments[1].size']);
  });
});
