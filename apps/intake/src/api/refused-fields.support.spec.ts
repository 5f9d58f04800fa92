import { RequestValidationError, createValidationPipe } from '@cs/platform';

const pipe = createValidationPipe();

/** The fields the service's own pipe refuses in a body, as the 400 problem+json names them. */
export async function invalidFields(body: Record<string, unknown>, metatype: new () => object): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return [...new Set(error.errors.map((e) => e.field))];
  }
}
