import { maskedAttachmentUri } from './attachments';

describe('an attachment’s address in a masked view', () => {
  it.each([
    ['a file named with a phone', 'https://files.example.com/2026/张三-13812345678.jpg', 'https://files.example.com/2026/张三-138****5678.jpg'],
    ['the same name percent-escaped, with a query', `https://files.example.com/2026/${encodeURIComponent('张三-13812345678')}.jpg?v=2#p`, `https://files.example.com/2026/${encodeURIComponent('张三-138****5678')}.jpg?v=2#p`],
    ['a file named with an e-mail in object storage', 's3://contacts/2026/zhang.san@example.com.pdf', 's3://contacts/2026/z***@example.com.pdf'],
    ['a phone beside the day it was sent', 'oss://contacts/13812345678_20261205.jpg', 'oss://contacts/138****5678_20261205.jpg'],
    ['an ID number', 'https://files.example.com/身份证-11010119900307123X.jpg', 'https://files.example.com/身份证-110***********123X.jpg'],
  ])('given %s, then the file name is masked and the rest of the address kept', (_case, uri, masked) => {
    expect(maskedAttachmentUri(uri)).toBe(masked);
  });

  it.each([
    ['a file name without personal data', 'https://files.example.com/2026/leak.jpg?sig=a1b2c3'],
    ['an address with no path', 'https://files.example.com'],
    ['a stray %', 'oss://bucket/100%-leak.jpg'],
    ['a camera’s photo named by the time it was taken', 'https://files.example.com/2026/12/IMG_20261205_143012.jpg'],
    ['a chat app’s photo named by the milliseconds it was saved at', 'https://files.example.com/mmexport1733390000000.jpg'],
    ['a chat app’s photo named by its time, escaped', `https://files.example.com/${encodeURIComponent('微信图片_20261205143012')}.jpg`],
    ['a screenshot', 'oss://bucket/Screenshot_2026-12-05-14-30-12-123_com.tencent.mm.jpg'],
    ['a file keyed by a uuid', 's3://contacts/0b5e3f12-9c1d-4e6a-8b7f-123456789012.jpg'],
  ])('given %s, then the address is shown as stored', (_case, uri) => {
    expect(maskedAttachmentUri(uri)).toBe(uri);
  });
});
