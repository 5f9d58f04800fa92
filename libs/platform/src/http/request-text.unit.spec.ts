import { RequestValidationError } from '../problem/request-validation.error';
import { RejectUnacceptableTextPipe, findUnacceptableText } from './request-text';


describe('request text that cannot be taken in', () => {
  it('given NUL in a nested value, then the field holding it is named', () => {
    expect(findUnacceptableText({ customer: { name: 'ok', phones: ['1', 'a\u0000b'] } })).toEqual({ field: 'customer.phones[1]', code: 'invalid_text', params: {} });
  });

  it('given an unpaired surrogate in a value or a member name, then the field is named', () => {
    expect(findUnacceptableText({ content: 'x\ud800' })).toEqual({ field: 'content', code: 'invalid_text', params: {} });
    expect(findUnacceptableText({ tags: ['ok', '\udc00y'] })).toEqual({ field: 'tags[1]', code: 'invalid_text', params: {} });
    expect(findUnacceptableText({ meta: { 'k\ud800': 1 } })).toEqual({ field: 'meta.k\ud800', code: 'invalid_text', params: {} });
    expect(findUnacceptableText({ 'a\u0000': 'b' })).toEqual({ field: 'a\u0000', code: 'invalid_text', params: {} });
  });

  it('given well-formed text, Chinese and emoji (paired surrogates) included, then nothing is found', () => {
    expect(findUnacceptableText({ content: '正常文本 😀', n: 1, flag: null, list: [true] })).toBeUndefined();
  });

  it('given a document nested 4,000 deep, then it is checked without overflowing the stack', () => {
    let deep: unknown = 'bad\ud800';
    for (let i = 0; i < 4_000; i++) deep = [deep];
    expect(findUnacceptableText({ deep })?.field).toBe(`deep${'[0]'.repeat(4_000)}`);
  });
});

describe('RejectUnacceptableTextPipe', () => {
  const pipe = new RejectUnacceptableTextPipe();

  it('refuses a body, a query or a path parameter as a validation error naming the field', () => {
    expect(() => pipe.transform({ content: 'x\u0000' }, { type: 'body' })).toThrow(RequestValidationError);
    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'id' })).toThrow(
      expect.objectContaining({ errors: [{ field: 'id', code: 'invalid_text', params: {} }] }),
    );
    expect(() => pipe.transform({ q: '\ud800' }, { type: 'query' })).toThrow(
      expect.objectContaining({ errors: [{ field: 'q', code: 'invalid_text', params: {} }] }),
    );
  });

  it('passes other input untouched and leaves custom parameters alone', () => {
    expect(pipe.transform({ content: 'fine' }, { type: 'body' })).toEqual({ content: 'fine' });
    const principal = { name: '\ud800' };
    expect(pipe.transform(principal, { type: 'custom' })).toBe(principal);
  });
});
