/**
 * Waits for a promise at most `ms`: true when it fulfilled in time, false when the time ran out
 * first; a rejection in time is passed on.
 */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The promise's result, or the error `timedOut` makes once `ms` passed first; a rejection in time
 * is passed on. What a caller that gives up on a slow dependency awaits instead of the dependency.
 */
export async function resultWithin<T>(promise: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  if (!(await settleWithin(promise, ms))) throw timedOut();
  return promise;
}
