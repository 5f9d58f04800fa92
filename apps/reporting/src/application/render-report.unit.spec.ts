import { negotiateFormat } from './render-report';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('negotiateFormat', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['text/csv', 'csv'],
    [XLSX, 'xlsx'],
    ['text/html', 'html'],
    ['application/json', 'json'],
    ['text/plain', 'json'],
    ['text/csv;q=0.5, text/html', 'html'],
    ['text/csv, text/html', 'csv'],
    ['application/json, text/plain, */*', 'json'],
    // A client refusing JSON is not answered JSON while it accepts another format.
    ['application/json;q=0, */*', 'csv'],
    ['application/json;q=0.5, */*', 'csv'],
    ['text/*', 'csv'],
  ])('Accept %p is answered as %p', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});
