import { preferredMediaType } from './media-type';

const OFFERED = ['text/html', 'application/json'] as const;

describe('preferredMediaType', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['*/*', 'text/html'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['application/json', 'application/json'],
    ['Application/JSON', 'application/json'],
    ['application/json;q=0.5, text/html', 'text/html'],
    ['application/json, text/html', 'application/json'],
    ['application/json; charset=utf-8', 'application/json'],
    ['text/html;q=0, application/json;q=0.1', 'application/json'],
    ['text/html;q=0', undefined],
    ['text/csv', undefined],
    // Named exactly, a type comes before the same weight given by a wildcard (axios's default).
    ['application/json, text/plain, */*', 'application/json'],
  ])('Accept %p prefers %p', (accept, preferred) => {
    expect(preferredMediaType(accept, OFFERED)).toBe(preferred);
  });

  it.each<[string, string | undefined]>([
    // A type takes the weight of the most specific range naming it (RFC 9110 §12.5.1).
    ['text/html;q=0, */*', 'application/json'],
    ['application/*', 'application/json'],
    ['text/*, application/json;q=0.5', 'text/html'],
    ['application/json;q=0.5, */*', 'text/html'],
    ['*/*;q=0.1, text/*;q=0', 'application/json'],
    // The weight's name is case-insensitive.
    ['application/json;Q=0, text/html', 'text/html'],
    ['text/html;Q=0.2, application/json;Q=0.3', 'application/json'],
  ])('Accept %p, weighed as RFC 9110 does, prefers %p', (accept, preferred) => {
    expect(preferredMediaType(accept, OFFERED)).toBe(preferred);
  });

  it.each<[string]>([[',,;;,;q=,'.repeat(1500)], ['a'.repeat(16_000)], ['/,*/,/*,text/,;q=x;q=0.5=1,*/*/*'], [`${'text/html;q=0.5;'.repeat(1000)}`]])(
    'given a malformed or very long Accept, then it answers without throwing',
    (accept) => {
      expect(() => preferredMediaType(accept, OFFERED)).not.toThrow();
    },
  );
});
