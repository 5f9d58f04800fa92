import { RequestValidationError } from '../problem/request-validation.error';
import { IsUuidInLowerCase, uuidParam } from './params';
import { createValidationPipe } from './validation';

describe('a UUID parameter', () => {
  it('is passed on in lower case, however the client wrote it, so an id compared as text finds the same record', async () => {
    const pipe = uuidParam('ticketId');
    await expect(pipe.transform('3F0B6C1E-8A4D-4A7E-9B61-2F1D7C9E5A10', { type: 'param' })).resolves.toBe('3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10');
    await expect(pipe.transform('3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10', { type: 'param' })).resolves.toBe('3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10');
  });

  it('that is no UUID is refused naming the parameter', async () => {
    await expect(uuidParam('ticketId').transform('TK-1', { type: 'param' })).rejects.toMatchObject({
      constructor: RequestValidationError,
      errors: [{ field: 'ticketId', code: 'invalid_format', params: { format: 'uuid' } }],
    });
  });
});

class Named {
  @IsUuidInLowerCase() id!: string;
}

class Listed {
  @IsUuidInLowerCase({ each: true }) ids!: string[];
}

describe('a UUID field of a body', () => {
  const pipe = createValidationPipe();
  const read = (id: unknown) => pipe.transform({ id }, { type: 'body', metatype: Named }) as Promise<Named>;

  it('is passed on in lower case, however the client wrote it', async () => {
    await expect(read('3F0B6C1E-8A4D-4A7E-9B61-2F1D7C9E5A10')).resolves.toEqual({ id: '3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10' });
  });

  it('that is no UUID is left to the field’s rules, which refuse it naming the field', async () => {
    await expect(read('TK-1')).rejects.toMatchObject({ constructor: RequestValidationError, errors: [{ field: 'id' }] });
    await expect(read(42)).rejects.toMatchObject({ constructor: RequestValidationError, errors: [{ field: 'id' }] });
  });
});

describe('a list of UUIDs in a body', () => {
  const pipe = createValidationPipe();
  const read = (ids: unknown) => pipe.transform({ ids }, { type: 'body', metatype: Listed }) as Promise<Listed>;

  it('is passed on with each one in lower case, however the client wrote it', async () => {
    await expect(read(['3F0B6C1E-8A4D-4A7E-9B61-2F1D7C9E5A10', '3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a11'])).resolves.toEqual({
      ids: ['3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10', '3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a11'],
    });
  });

  it('holding one that is no UUID is refused naming the list', async () => {
    await expect(read(['3F0B6C1E-8A4D-4A7E-9B61-2F1D7C9E5A10', 'TK-1'])).rejects.toMatchObject({ constructor: RequestValidationError, errors: [{ field: 'ids' }] });
  });
});
