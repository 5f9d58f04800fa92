import { uuidFields } from '@cs/platform';
// Loading every service's root module registers each of its request classes with class-validator.
import { ROOT_MODULES } from './service-documents';

describe('the UUID fields of every service’s requests', () => {
  // Given every request class of the six services, as their root modules load them
  const fields = uuidFields();

  it('finds the request classes of the services', () => {
    expect(Object.keys(ROOT_MODULES)).toHaveLength(6);
    expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['PraiseDto.ticketId', 'LinkTicketsDto.ticketIds', 'MergeCustomersDto.duplicateId']));
  });

  it('passes each one on in lower case, a list’s each element too, so no id sent in capitals misses one compared as text', () => {
    // When a UUID in capitals is sent in each, then each reaches the handler in lower case
    expect(fields.filter((f) => !f.lowerCased).map((f) => f.field)).toEqual([]);
  });
});
