/**
 * What `attempt` rejects with, typed, so a test can assert on its fields; a resolved promise or
 * an error of another kind fails the test with what happened instead.
 */
export async function rejectionOf<E>(attempt: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const outcome = await attempt.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if ('rejected' in outcome && outcome.rejected instanceof type) return outcome.rejected;
  throw new Error(`expected a ${type.name}, got ${'rejected' in outcome ? String(outcome.rejected) : 'no error'}`);
}
