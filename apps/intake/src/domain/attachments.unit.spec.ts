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
    ['a folder named by the sender’s phone', 'https://files.example.com/contacts/13812345678/leak.jpg', 'https://files.example.com/contacts/138****5678/leak.jpg'],
    ['a folder named by an e-mail, escaped', `oss://contacts/${encodeURIComponent('zhang.san@example.com')}/2026/leak.jpg`, `oss://contacts/${encodeURIComponent('z***@example.com')}/2026/leak.jpg`],
    [
      'a query naming who the file is for',
      'https://files.example.com/2026/leak.jpg?owner=zhang.san%40example.com&tel=%2B86%20138%201234%205678&v=2',
      'https://files.example.com/2026/leak.jpg?owner=z***%40example.com&tel=138****5678&v=2',
    ],
    ['an ID number in a query with no path', 'https://files.example.com?id=11010119900307123X', 'https://files.example.com?id=110***********123X'],
    ['a phone in the fragment', 'https://files.example.com/leak.pdf#13812345678', 'https://files.example.com/leak.pdf#138****5678'],
    ['a phone as the user before the host', 'https://13812345678@files.example.com/2026/leak.jpg', 'https://138****5678@files.example.com/2026/leak.jpg'],
    ['an e-mail as the user and a phone as the password (all stars)', 'https://zhang.san%40example.com:13812345678@files.example.com/leak.jpg', 'https://z***%40example.com:***@files.example.com/leak.jpg'],
    ['a query written as a form writes it, `+` for a space', 'https://files.example.com/2026/leak.jpg?tel=%2B86+138+1234+5678&name=%E5%BC%A0%E4%B8%89+13812345678', 'https://files.example.com/2026/leak.jpg?tel=138****5678&name=%E5%BC%A0%E4%B8%89+138****5678'],
    ['a phone in every part', 's3://contacts/13812345678/13812345678.jpg?u=13812345678#13812345678', 's3://contacts/138****5678/138****5678.jpg?u=138****5678#138****5678'],
  ])('given %s, then it is masked there too and the address stays well-formed', (_case, uri, masked) => {
    expect(maskedAttachmentUri(uri)).toBe(masked);
    expect(new URL(masked).host).toBe(new URL(uri).host);
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
    ['folders of the day it came and a query of when it was signed', 'https://files.example.com/2026/12/05/leak.jpg?t=1733390000000&X-Amz-Date=20261205T143012Z&X-Amz-Expires=3600'],
    ['a signature whose digits run like a phone', 'https://files.example.com/leak.jpg?X-Amz-Signature=ab13812345678cdef0123456789abcdef0123456789abcdef0123456789abcd'],
    ['a file keyed by its content’s hash', 's3://contacts/sha256/0571888899991381234567801234567abcdef0123456789abcdef0123456789.jpg'],
    ['a query with no value and an empty fragment', 'https://files.example.com/leak.jpg?download&=x#'],
    ['a user with no personal data and a `+` in a query', 'https://uploader@files.example.com/leak.jpg?q=a+b&t=1733390000000'],
  ])('given %s, then the address is shown as stored', (_case, uri) => {
    expect(maskedAttachmentUri(uri)).toBe(uri);
  });
});
