import { presentProps } from './optional-props';

describe('presentProps', () => {
  // What `...(value ? { key: value } : {})` did with each value, minus 0, NaN and false: those are values.
  it.each<[string, unknown, boolean]>([
    ['undefined', undefined, false],
    ['null', null, false],
    ["''", '', false],
    ['a text', 'x', true],
    ['a blank text', ' ', true],
    ['0', 0, true],
    ['NaN', NaN, true],
    ['false', false, true],
    ['true', true, true],
    ['an empty array', [], true],
    ['an empty object', {}, true],
    ['a date', new Date(0), true],
  ])('%s is kept: %s', (_label, value, kept) => {
    const result = presentProps({ before: 1, key: value, after: 2 });
    expect(result).toStrictEqual(kept ? { before: 1, key: value, after: 2 } : { before: 1, after: 2 });
    expect(Object.keys(result)).toEqual(kept ? ['before', 'key', 'after'] : ['before', 'after']);
  });

  it('returns a new object and leaves its argument alone', () => {
    const props = { a: 1, b: undefined };
    const result = presentProps(props);
    expect(result).not.toBe(props);
    expect(props).toStrictEqual({ a: 1, b: undefined });
  });

  it('gives an empty object when nothing is present', () => {
    expect(presentProps({})).toStrictEqual({});
    expect(presentProps({ a: undefined, b: null, c: '' })).toStrictEqual({});
  });

  it('copies own enumerable string keys only', () => {
    const symbol = Symbol('s');
    const props = Object.assign(Object.create({ inherited: 1 }) as object, { own: 1, [symbol]: 2 });
    expect(presentProps(props)).toStrictEqual({ own: 1 });
  });

  it('types the keys that may be absent as optional and keeps the rest required', () => {
    const nothing = undefined as string | undefined;
    const present = presentProps({
      count: 0,
      grade: 'general' as 'general' | 'major',
      email: nothing,
      owner: null as string | null,
      room: '' as string,
    });
    const count: number = present.count;
    const grade: 'general' | 'major' = present.grade;
    const email: string | undefined = present.email;
    const owner: string | undefined = present.owner;
    // @ts-expect-error any text may be '' and left out, so it is optional
    const room: string = present.room;
    expect([count, grade, email, owner, room]).toEqual([0, 'general', undefined, undefined, undefined]);
    expect(Object.keys(present)).toEqual(['count', 'grade']);
  });
});
