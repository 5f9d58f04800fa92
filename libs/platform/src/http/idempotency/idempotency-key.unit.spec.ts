import fc from 'fast-check';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.decorators';
import { canonicalJson, parseIdempotencyKeyHeader, requestFingerprint } from './idempotency-key';

describe('requestFingerprint', () => {
  const body = { title: 'Leaking tap', customer: { name: 'Ann', phone: '+358401234567' }, tags: ['water', 'urgent'] };

  it('does not depend on the order of object keys, at any depth', () => {
    const reordered = { tags: ['water', 'urgent'], customer: { phone: '+358401234567', name: 'Ann' }, title: 'Leaking tap' };
    expect(requestFingerprint('POST', '/tickets', reordered)).toBe(requestFingerprint('POST', '/tickets', body));
  });

  it('differs when the body differs', () => {
    expect(requestFingerprint('POST', '/tickets', { ...body, title: 'Leaking pipe' })).not.toBe(
      requestFingerprint('POST', '/tickets', body),
    );
  });

  it('keeps array order significant', () => {
    expect(requestFingerprint('POST', '/tickets', { ...body, tags: ['urgent', 'water'] })).not.toBe(
      requestFingerprint('POST', '/tickets', body),
    );
  });

  it('differs by method and by target URL, including the query', () => {
    const base = requestFingerprint('POST', '/tickets', body);
    expect(requestFingerprint('PATCH', '/tickets', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/tickets/1', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/tickets?draft=true', body)).not.toBe(base);
  });

  it('tells no body apart from a null body and from an empty object', () => {
    const prints = [undefined, null, {}, ''].map((value) => requestFingerprint('POST', '/x', value));
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('is a sha256 hex digest', () => {
    expect(requestFingerprint('post', '/x', { a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('post', '/x', { a: 1 })).toBe(requestFingerprint('POST', '/x', { a: 1 }));
  });
});

describe('canonicalJson', () => {
  it('sorts keys and drops undefined members the way JSON.stringify does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[1,null]},"b":1}');
  });

  it('serialises values with toJSON (dates) by their JSON form', () => {
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.000Z') })).toBe('{"at":"2025-01-02T03:04:05.000Z"}');
  });

  it('hashes binary bodies by content, distinct from any JSON string', () => {
    expect(canonicalJson(Buffer.from('hi'))).toBe('b64:aGk=');
    expect(canonicalJson('b64:aGk=')).toBe('"b64:aGk="');
  });

  it('refuses cyclic values instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not its own ancestor', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});

describe('parseIdempotencyKeyHeader', () => {
  it('treats a missing header as absent', () => {
    expect(parseIdempotencyKeyHeader(undefined)).toEqual({ kind: 'absent' });
  });

  it.each([
    ['a UUID', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['a single character', 'x'],
    ['255 characters', 'k'.repeat(255)],
    ['every visible ASCII character', '!"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'],
  ])('accepts %s', (_name, key) => {
    expect(parseIdempotencyKeyHeader(key)).toEqual({ kind: 'valid', key });
  });

  it('reads the Structured Field String form as the same key as the bare form', () => {
    expect(parseIdempotencyKeyHeader('"8e03978e-40d5"')).toEqual({ kind: 'valid', key: '8e03978e-40d5' });
    expect(parseIdempotencyKeyHeader('"a\\"b\\\\c"')).toEqual({ kind: 'valid', key: 'a"b\\c' });
  });

  it.each([
    ['empty', ''],
    ['empty quoted', '""'],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['containing a space', 'two words'],
    ['containing a tab', 'a\tb'],
    ['containing non-ASCII', 'clé'],
    ['containing a control character', 'a\u0001b'],
    ['joined from repeated headers', 'first, second'],
    ['badly quoted', '"a"b"'],
    ['with an unknown escape', '"a\\nb"'],
  ])('rejects a key %s', (_name, value) => {
    expect(parseIdempotencyKeyHeader(value)).toMatchObject({ kind: 'invalid' });
  });

  it('rejects a header sent as several values', () => {
    expect(parseIdempotencyKeyHeader(['a', 'b'])).toEqual({ kind: 'invalid', reason: 'must be sent once', rule: 'invalid_format' });
  });
});

describe('the Idempotency-Key pattern the OpenAPI documents declare', () => {
  const pattern = new RegExp(IDEMPOTENCY_KEY_PATTERN);
  const accepted = (value: string) => parseIdempotencyKeyHeader(value).kind === 'valid';

  it('given keys built mostly of quotes, backslashes and spaces, then it accepts exactly the keys the service takes', () => {
    const keys = fc.array(fc.constantFrom('"', '\\', 'a', '~', '!', ' ', '#', '[', ']'), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(keys, (key) => pattern.test(key) === accepted(key)),
      { numRuns: 20_000 },
    );
  });

  it('given the quoted forms the service reads and refuses, then it agrees on each', () => {
    for (const key of ['"', '"8e03978e-40d5"', '"a\\"b\\\\c"', 'a"', '"ab']) expect([key, pattern.test(key)]).toEqual([key, true]);
    for (const key of ['""', '"a"b"', '"a\\nb"', '"\\"', '"a b"']) expect([key, pattern.test(key)]).toEqual([key, false]);
  });
});
