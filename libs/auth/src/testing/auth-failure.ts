import { AuthenticationError } from '../errors';

/** Resolves to the AuthenticationError the promise rejected with; anything else fails the test. */
export async function authFailure(promise: Promise<unknown>): Promise<AuthenticationError> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome && outcome.error instanceof AuthenticationError) return outcome.error;
  throw new Error(`expected an AuthenticationError, got ${JSON.stringify(outcome)}`);
}
