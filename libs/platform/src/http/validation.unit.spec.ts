import { IsOptional, IsString } from 'class-validator';
import { RequestValidationError } from '../problem/request-validation.error';
import { Omittable, createValidationPipe } from './validation';

class RenameBody {
  @Omittable() @IsString() name?: string;
  @IsOptional() @IsString() email?: string;
}

const pipe = createValidationPipe();
const asBody = (value: unknown) => pipe.transform(value, { type: 'body', metatype: RenameBody });

describe('the validation pipe', () => {
  it('given an omittable property left out, or an optional one null, it accepts the body', async () => {
    await expect(asBody({})).resolves.toBeInstanceOf(RenameBody);
    await expect(asBody({ email: null })).resolves.toMatchObject({ email: null });
  });

  it('given an omittable property that is null, it refuses it by the property’s own rules', async () => {
    const error = await asBody({ name: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('given a JSON null body, it refuses it as no object', async () => {
    const error = await asBody(null).catch((e: unknown) => e);
    expect((error as RequestValidationError).errors).toEqual([{ field: 'body', code: 'invalid_type', params: { expected: 'object' } }]);
  });
});
