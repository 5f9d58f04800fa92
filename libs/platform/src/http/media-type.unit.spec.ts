import { preferredMediaType } from './media-type';

const OFFERED = ['text/html', 'application/json'] as const;

describe('preferredMediaType', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['*/*', undefined],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
    ['application/json', 'application/json'],
    ['Application/JSON', 'application/json'],
    ['application/json;q=0.5, text/html', 'text/html'],
    ['application/json, text/html', 'application/json'],
    ['text/html;q=0, application/json;q=0.1', 'application/json'],
    ['text/html;q=0', undefined],
    ['text/csv', undefined],
  ])('Accept %p prefers %p', (accept, preferred) => {
    expect(preferredMediaType(accept, OFFERED)).toBe(preferred);
  });
});
