import { RequestValidationError } from '../problem/request-validation.error';
import { RejectNulCharactersPipe, findNulCharacter } from './nul-characters';

describe('NUL characters in requests', () => {
  it('are found by the path of the field that holds them', () => {
    expect(findNulCharacter({ customer: { name: 'ok', phones: ['1', 'a\u0000b'] } })).toBe('customer.phones[1]');
    expect(findNulCharacter({ content: '正常文本' })).toBeUndefined();
  });

  it('are refused as a validation error naming the field; other input passes untouched', () => {
    const pipe = new RejectNulCharactersPipe();
    const body = { content: 'x\u0000' };
    expect(() => pipe.transform(body, { type: 'body' })).toThrow(RequestValidationError);
    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'id' })).toThrow(
      expect.objectContaining({ errors: [{ field: 'id', message: 'must not contain NUL characters' }] }),
    );
    expect(pipe.transform({ content: 'fine' }, { type: 'body' })).toEqual({ content: 'fine' });
  });
});
