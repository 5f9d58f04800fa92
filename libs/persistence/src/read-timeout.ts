import { Client } from 'pg';

/** pg's message for a query not answered within `query_timeout`; the error carries no code. */
export const QUERY_READ_TIMEOUT = /^Query read timeout$/;

export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && QUERY_READ_TIMEOUT.test(error.message);
}

/**
 * A node-postgres Client class (for a pool's `extra.Client`) that closes its connection when a
 * query goes unanswered for the pool's `query_timeout`. pg then fails the query but keeps the
 * connection waiting for the answer: back in the pool, every later query on it would queue
 * behind one that may never come (a frozen host, a partition no reset crosses). Closed, the
 * pool drops it and opens a new one when one is needed; a transaction on it is rolled back by
 * the server, so nothing of it is half-written. Queries as TypeORM sends them, awaited; pg's
 * `pool.query` releases its client with the error, which drops it already.
 */
export function closingOnReadTimeout(Base: typeof Client): typeof Client {
  const query = Base.prototype.query;
  class ClosingClient extends Base {}
  Object.defineProperty(ClosingClient.prototype, 'query', {
    value: function (this: Client, ...args: unknown[]): unknown {
      const result: unknown = Reflect.apply(query, this, args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          // `end` with a query still awaited destroys the socket rather than waiting on the server.
          if (isReadTimeout(error)) this.end().catch(() => undefined);
        });
      }
      return result;
    },
  });
  return ClosingClient;
}
