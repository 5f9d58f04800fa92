import { createHash } from 'node:crypto';
import { Client, type QueryConfig } from 'pg';

/**
 * A statement whose result takes a table's columns as they are at the moment it is prepared
 * (`SELECT *`, `RETURNING t.*`). Prepared, it fails with "cached plan must not change result
 * type" once a migration adds a column — which is exactly what the release before does during a
 * rolling deploy — so it is always sent unnamed.
 */
const WHOLE_ROWS = /\b(?:select|returning)\s+(?:distinct\s+)?(?:[a-z_][a-z0-9_]*\.)?\*/i;

/** SQLSTATE of "cached plan must not change result type". */
const FEATURE_NOT_SUPPORTED = '0A000';

export interface StatementNamesOptions {
  /** Statements named at most; every text past them is sent unnamed (each costs server memory on every connection). */
  readonly capacity?: number;
  /** Uses of a text before it is named: a statement issued once (start-up, a migration) is never kept by the server. */
  readonly after?: number;
}

/**
 * Which statement texts a pool's connections prepare, and under which name: a digest of the
 * text, so two texts never share a name and every connection names a text alike. Only texts with
 * parameters (the others go through the simple protocol as they did), used more than once, not
 * reading whole rows, and at most `capacity` of them; a text Postgres refused to run prepared is
 * sent unnamed from then on (ADR 0045).
 */
export class StatementNames {
  private readonly names = new Map<string, string | null>();
  private readonly uses = new Map<string, number>();
  private named = 0;
  private readonly capacity: number;
  private readonly after: number;

  constructor(options: StatementNamesOptions = {}) {
    this.capacity = options.capacity ?? 300;
    this.after = options.after ?? 2;
  }

  /** The name to prepare `text` under, or undefined to send it unnamed this time. */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known ?? undefined;
    if (WHOLE_ROWS.test(text)) {
      this.names.set(text, null);
      return undefined;
    }
    const uses = (this.uses.get(text) ?? 0) + 1;
    if (uses < this.after) {
      // Texts built per request would otherwise be counted forever.
      if (this.uses.size >= this.capacity * 20) this.uses.clear();
      this.uses.set(text, uses);
      return undefined;
    }
    this.uses.delete(text);
    if (this.named >= this.capacity) return undefined;
    const name = `cs_${createHash('sha1').update(text).digest('hex')}`;
    this.names.set(text, name);
    this.named += 1;
    return name;
  }

  /** Postgres could not run `text` as prepared: send it unnamed from now on. */
  refused(text: string): void {
    this.names.set(text, null);
  }
}

function refusedAsPrepared(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === FEATURE_NOT_SUPPORTED && /cached plan/.test(error.message);
}

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * A node-postgres Client class for a pool (`extra.Client`) that sends the statements `names`
 * picks as named, prepared statements: Postgres parses a text once per connection and, after a
 * few executions, plans it once too, instead of both on every execution. Calls without
 * parameters, with a query config, or with a text `names` leaves unnamed pass through untouched.
 */
export function preparingClient(names: StatementNames): typeof Client {
  const query = Client.prototype.query;
  class PreparingClient extends Client {}
  Object.defineProperty(PreparingClient.prototype, 'query', {
    value: function (this: Client, ...args: unknown[]): unknown {
      const [text, values, callback] = args;
      const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? names.nameOf(text) : undefined;
      if (name === undefined || typeof text !== 'string') return Reflect.apply(query, this, args);
      const config: QueryConfig = { name, text, values: values as unknown[] };
      if (typeof callback === 'function') {
        const done = callback as Callback;
        return Reflect.apply(query, this, [
          config,
          (error: Error | null, result?: unknown) => {
            if (refusedAsPrepared(error)) names.refused(text);
            done(error, result);
          },
        ]);
      }
      const pending = Reflect.apply(query, this, [config]) as Promise<unknown>;
      pending.catch((error: unknown) => {
        if (refusedAsPrepared(error)) names.refused(text);
      });
      return pending;
    },
  });
  return PreparingClient;
}
