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
          if (isReadTimeout(error)) void cutOff(this);
        });
      }
      return result;
    },
  });
  return ClosingClient;
}

/** A connection to close: pg's Client, or what stands for one. */
export interface Closable {
  end(): Promise<void>;
  readonly connection?: { readonly stream: { destroy(): unknown } };
}

/**
 * Closes `client` now, a statement in flight cut off rather than waited for: in pipeline mode pg
 * ends a connection with a statement sent only once that statement is answered, which a server
 * that stopped answering, or a statement waiting on a lock, may never do. Settles once the
 * connection has ended.
 */
export function cutOff(client: Closable): Promise<void> {
  const ended = client.end().catch(() => undefined);
  client.connection?.stream.destroy();
  return ended;
}
