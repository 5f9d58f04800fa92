import { maskedAttachmentUri } from './attachments';

describe('an attachment’s address in a masked view', () => {
  it.each([
    ['a file named with a phone', 'https://files.example.com/2026/张三-13812345678.jpg', 'https://files.example.com/2026/张三-138****5678.jpg'],
    ['the same name percent-escaped, with a query', `https://files.example.com/2026/${encodeURIComponent('张三-13812345678')}.jpg?v=2#p`, `https://files.example.com/2026/${encodeURIComponent('张三-138****5678')}.jpg?v=2#p`],
    ['a file named with an e-mail in object storage', 's3://contacts/2026/zhang.san@example.com.pdf', 's3://contacts/2026/z***@example.com.pdf'],
  ])('given %s, then the file name is masked and the rest of the address kept', (_case, uri, masked) => {
    expect(maskedAttachmentUri(uri)).toBe(masked);
  });

  it.each([
    ['a file name without personal data', 'https://files.example.com/2026/leak.jpg?sig=a1b2c3'],
    ['an address with no path', 'https://files.example.com'],
    ['a stray %', 'oss://bucket/100%-leak.jpg'],
  ])('given %s, then the address is shown as stored', (_case, uri) => {
    expect(maskedAttachmentUri(uri)).toBe(uri);
  });
});
