import { RequestValidationError } from '../problem/request-validation.error';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body';

const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function refusal(text: string): unknown {
  try {
    parseJsonBody(text);
  } catch (error: unknown) {
    return error instanceof RequestValidationError ? error.errors : error;
  }
  throw new Error('the body was accepted');
}

describe('parsing a JSON request body', () => {
  it('given ordinary JSON, then it is parsed', () => {
    expect(parseJsonBody('{"content":"3栋电梯","tags":["a"],"n":1}')).toEqual({ content: '3栋电梯', tags: ['a'], n: 1 });
  });

  it(`given arrays and objects nested ${MAX_JSON_DEPTH} deep, then they are accepted`, () => {
    expect(() => parseJsonBody(arrays(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => parseJsonBody(objects(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('given one level more, then it is refused naming the field that nests too deep', () => {
    expect(refusal(objects(MAX_JSON_DEPTH + 1))).toEqual([
      { field: Array(MAX_JSON_DEPTH).fill('a').join('.'), code: 'too_deep', params: { max: MAX_JSON_DEPTH } },
    ]);
    expect(refusal(arrays(MAX_JSON_DEPTH + 1))).toEqual([expect.objectContaining({ field: '[0]'.repeat(MAX_JSON_DEPTH) })]);
  });

  it('given JSON nested 4,000 deep, then it is refused rather than overflowing the stack', () => {
    expect(refusal(arrays(4_000))).toEqual([expect.objectContaining({ code: 'too_deep', params: { max: MAX_JSON_DEPTH } })]);
  });

  it('given prototype poisoning, then it is refused as fastify refuses it', () => {
    expect(refusal('{"__proto__":{"admin":true}}')).toEqual([{ field: 'body', code: 'invalid_json', params: { reason: expect.stringContaining('forbidden prototype property') } }]);
    expect(refusal('{"constructor":{"prototype":{"admin":true}}}')).toEqual([{ field: 'body', code: 'invalid_json', params: { reason: expect.stringContaining('forbidden prototype property') } }]);
  });

  it('given malformed or empty text, then it is refused naming the body', () => {
    expect(refusal('{"a":')).toEqual([{ field: 'body', code: 'invalid_json', params: { reason: expect.any(String) } }]);
    // V8 quotes the body around an unexpected token: none of it comes back.
    expect(refusal('{"name": 张三, "phone": "13812345678"}')).toEqual([{ field: 'body', code: 'invalid_json', params: { reason: 'unexpected token' } }]);
    expect(refusal('  ')).toEqual([{ field: 'body', code: 'required', params: {} }]);
  });
});
