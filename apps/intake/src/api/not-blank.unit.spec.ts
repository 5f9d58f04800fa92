import { NOT_BLANK } from './contact.dto';

describe('a name’s published pattern', () => {
  // What the OpenAPI document publishes and the fuzzer generates from: the pattern's source, without its flags.
  const published = new RegExp(NOT_BLANK.source);

  it('takes a name with something besides spaces, and refuses spaces alone, the ideographic one too', () => {
    for (const name of ['张三', ' 李四 ', 'O’Brien', '\u3000\t王\n五 ', 'a']) expect(published.test(name)).toBe(true);
    for (const blank of ['', ' ', '\u3000\u3000', '\t']) expect(published.test(blank)).toBe(false);
  });

  it('refuses NUL anywhere, as the server refuses it in every request text', () => {
    for (const name of ['张\u0000三', '\u0000', 'a\u0000', ' \u0000a']) expect(published.test(name)).toBe(false);
  });
});
