import { thrownText } from './thrown-text';

describe('the text of a thrown value', () => {
  it('is an error\'s message, or the value as text', () => {
    expect(thrownText(new Error('cannot ship'))).toBe('cannot ship');
    expect(thrownText('cannot ship')).toBe('cannot ship');
  });

  it('given an object of no class, which String cannot convert, then it is its fields as JSON', () => {
    expect(thrownText(Object.assign(Object.create(null) as object, { code: 'E1' }))).toBe('{"code":"E1"}');
  });

  it('given a value neither String nor JSON can read, then it says so instead of throwing', () => {
    const cyclic = Object.create(null) as { self?: unknown };
    cyclic.self = cyclic;
    expect(thrownText(cyclic)).toBe('a thrown value that cannot be read as text');
  });
});
