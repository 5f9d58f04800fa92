import { walkJson } from './json-walk';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('walking a parsed JSON document', () => {
  it('visits every value in document order, named by its field path, with its depth and member name', () => {
    const visited = [...walkJson({ customer: { phones: ['1', '2'] }, note: 'x' })].map(({ path, depth, key }) => [path, depth, key]);
    expect(visited).toEqual([
      ['', 0, undefined],
      ['customer', 1, 'customer'],
      ['customer.phones', 2, 'phones'],
      ['customer.phones[0]', 3, undefined],
      ['customer.phones[1]', 3, undefined],
      ['note', 1, 'note'],
    ]);
  });

  it('starts from the path it is given, as a path parameter is named', () => {
    expect([...walkJson('abc', 'id')]).toEqual([{ path: 'id', value: 'abc', depth: 0 }]);
  });

  it('given a document nested far deeper than the call stack allows, when walked, then it reaches the leaf', () => {
    const deepest = [...walkJson(nested(100_000))].at(-1);
    expect(deepest).toMatchObject({ value: 'leaf', depth: 100_000 });
  });
});
