import { DomainError } from '@cs/ddd';
import { parseIfMatch, weakEtag } from './etag';

describe('weak ETags and If-Match', () => {
  it('given a version, when tagged and read back from If-Match, then the version comes back', () => {
    expect(weakEtag(12)).toBe('W/"12"');
    expect(parseIfMatch(weakEtag(12), 'THING.BAD_IF_MATCH')).toBe(12);
    expect(parseIfMatch('"12"', 'THING.BAD_IF_MATCH')).toBe(12);
    expect(parseIfMatch('  W/"7" ', 'THING.BAD_IF_MATCH')).toBe(7);
    expect(parseIfMatch('W/"12345678901"', 'THING.BAD_IF_MATCH')).toBe(12345678901);
  });

  it('given no If-Match or a wildcard, when read, then no version is expected', () => {
    expect(parseIfMatch(undefined, 'THING.BAD_IF_MATCH')).toBeUndefined();
    expect(parseIfMatch('*', 'THING.BAD_IF_MATCH')).toBeUndefined();
    expect(parseIfMatch(' * ', 'THING.BAD_IF_MATCH')).toBeUndefined();
  });

  it.each(['12', 'W/12', '"12', 'W/"twelve"', '"1", "2"', ''])(
    'given the malformed If-Match %p, when read, then it is refused as invalid with the caller’s code, naming the header',
    (header) => {
      expect(() => parseIfMatch(header, 'CALENDAR.BAD_IF_MATCH')).toThrow(
        expect.objectContaining({ name: DomainError.name, code: 'CALENDAR.BAD_IF_MATCH', kind: 'invalid', field: 'If-Match' }),
      );
    },
  );
});
