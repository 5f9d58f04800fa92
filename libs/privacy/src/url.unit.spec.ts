import fc from 'fast-check';
import { redactIdentifiersInUrl } from './url';

describe('an address masked again', () => {
  it.each([
    ['a recording filed by the caller’s phone, with a query', 'https://recordings.example.com/2026/11/13812345678/20261120_103000.mp3?caller=139%2012345678&t=20261120'],
    ['a phone written with +86 and spaces, as a form writes it', 'https://recordings.example.com/call.mp3?tel=%2B86+138+1234+5678&name=%E5%BC%A0%E4%B8%89+13812345678'],
    ['digits escaped one by one', 'https://recordings.example.com/%31%33%38%31%32%33%34%35%36%37%38.mp3'],
    ['an e-mail in a folder, escaped, and in the query', `https://recordings.example.com/${encodeURIComponent('zhang.san@example.com')}/a.mp3?owner=zhang.san%40example.com`],
    ['an ID number in the file name and the fragment', 'https://recordings.example.com/身份证-11010119900307123X.wav#11010119900307123X'],
    ['a phone and an e-mail as the user and password', 'https://zhang.san%40example.com:13812345678@recordings.example.com/call.mp3'],
    ['a phone in every part', 's3://recordings/13812345678/13812345678.mp3?u=13812345678#13812345678'],
    ['a name with a phone beside it', 'https://recordings.example.com/2026/张三-13812345678.mp3'],
    ['nothing personal', 'https://recordings.example.com/2026/11/call-123.mp3?t=1733390000000'],
  ])('given %s, then masking what was masked changes nothing', (_case, url) => {
    const masked = redactIdentifiersInUrl(url);
    expect(redactIdentifiersInUrl(masked)).toBe(masked);
  });

  it('given an e-mail glued to another in a folder, then neither is left in clear', () => {
    const masked = redactIdentifiersInUrl('https://recordings.example.com/agent.li@zhang.san@example.com/call.mp3');
    expect(masked).not.toContain('zhang.san');
    expect(redactIdentifiersInUrl(masked)).toBe(masked);
  });

  it('given any address, its parts holding phones, e-mails and ID numbers written any way, then masking what was masked changes nothing', () => {
    const identifier = fc.constantFrom('13812345678', '+86 138 1234 5678', '138-1234-5678', 'zhang.san@example.com', '11010119900307123X', '021-62345678', '张三');
    const part = fc.array(fc.oneof(identifier, fc.webSegment(), fc.constantFrom('%', '+', '%2B86', '*', '@', ':')), { maxLength: 4 }).map((pieces) => pieces.join(''));
    const url = fc
      .tuple(fc.webUrl(), fc.array(part, { maxLength: 3 }), fc.array(fc.tuple(part, part), { maxLength: 3 }), fc.option(part))
      .map(([base, path, query, fragment]) =>
        [base.replace(/[?#].*$/, ''), ...path.map((segment) => `/${segment}`), query.length === 0 ? '' : `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`, fragment === null ? '' : `#${fragment}`].join(''),
      );
    fc.assert(
      fc.property(url, (address) => {
        const masked = redactIdentifiersInUrl(address);
        expect(redactIdentifiersInUrl(masked)).toBe(masked);
      }),
      { numRuns: 2000 },
    );
  });
});
