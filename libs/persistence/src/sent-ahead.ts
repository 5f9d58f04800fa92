import { Client } from 'pg';
import { type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';
import { IN_FAILED_SQL_TRANSACTION } from './sql-state';
import { execute, type Queryable } from './typed-query';

/**
 * What marks a statement sent ahead: the statement's own text says so, so that the mark cannot
 * reach another statement than the one it was given with.
 */
const SENT_AHEAD = '/* sent ahead */ ';

/** TypeORM's opening of a transaction (at its outermost level), which the pool's clients send ahead. */
const OPENING = 'START TRANSACTION';

/**
 * How a transaction, or a savepoint, is let go (`ROLLBACK`, `ROLLBACK TO SAVEPOINT …`): it succeeds
 * in an aborted transaction, and what was sent ahead of it no longer matters.
 */
const ABANDONING = /^ROLLBACK\b/;

/** A statement in a transaction, as a repository gives it. */
export type InTransaction = Queryable & { readonly queryRunner?: QueryRunner };

/**
 * Sends a statement of a transaction whose answer the transaction does not wait for: a lock it
 * takes, the writes it makes as it commits. It travels with the transaction's next statement, in
 * the same socket write, instead of a round trip of its own (ADR 0189). Postgres runs the two one
 * after the other as it always did: the next statement starts once this one is done (a lock
 * granted), and sees what it wrote. A failure of this one is the next statement's error, which
 * then fails as well, since the transaction is aborted: nothing the transaction sent after it
 * takes effect, and the commit, if it was the next, rolls back.
 *
 * Outside a transaction (nothing after it would be its own) it is sent and waited for as any
 * other statement; so it is through a data source whose pool does not send ahead.
 */
export async function sendAhead(db: InTransaction, sql: string, parameters: unknown[] = []): Promise<void> {
  await execute(db, db.queryRunner?.isTransactionActive === true ? SENT_AHEAD + sql : sql, parameters);
}

/** What a statement sent ahead answers at once, in place of its real answer. */
function notWaitedFor(text: string): unknown {
  return { command: text === OPENING ? 'BEGIN' : 'SELECT', rowCount: null, rows: [], fields: [] };
}

function isSentAhead(text: unknown, rest: readonly unknown[]): text is string {
  // A query with a callback is someone else's use of the client (pg's own), kept as it was.
  return typeof text === 'string' && (text === OPENING || text.startsWith(SENT_AHEAD)) && !rest.some((arg) => typeof arg === 'function');
}

type Callback = (error: Error | null, result?: unknown) => void;

/** What a connection sent ahead since its last statement waited for. */
interface Batch {
  /** The answers still owed to the next statement, in the order sent. */
  readonly answers: Promise<unknown>[];
  /** The first failure among them, once its answer has come, and the text of the statement it failed. */
  failed?: { readonly error: unknown; readonly text: string };
  /** The transaction's opening among them, when it is: no one's to blame for anything. */
  opening?: Promise<unknown>;
}

/** The state each connection keeps of what it sent ahead. */
interface Ahead {
  batch: Batch;
  /** Whether the connection's socket holds writes back until the next statement joins them. */
  corked: boolean;
  /**
   * The hold {@link holdWrites} put on them, when one stands: writes then wait for its release,
   * however many statements join them. Each hold its own object, so that a release left over from
   * an earlier hold lets none of a later one's writes go.
   */
  held?: object;
}

const noBatch = (): Batch => ({ answers: [] });

/** Each connection's state, kept by the client class {@link sendingAheadClient} makes. */
const states = new WeakMap<Client, Ahead>();

const nextTick = process.nextTick.bind(process);

function stateOf(client: Client): Ahead {
  let state = states.get(client);
  if (!state) {
    state = { batch: noBatch(), corked: false };
    states.set(client, state);
  }
  return state;
}

/** Holds the socket's writes back; whether it did so now (false: they were held already). */
function cork(client: Client, state: Ahead): boolean {
  if (state.corked) return false;
  state.corked = true;
  client.connection.stream.cork();
  return true;
}

/** Lets the socket's held writes go, unless a hold stands and `release` does not end it. */
function uncork(client: Client, state: Ahead, release = false): void {
  if (state.held && !release) return;
  state.held = undefined;
  if (!state.corked) return;
  state.corked = false;
  client.connection.stream.uncork();
}

/**
 * The pooled client a transaction of `db` runs on, with the state it keeps; none outside a
 * transaction, or on a client that does not send ahead.
 */
function inTransaction(db: InTransaction | QueryRunner): { readonly client: Client; readonly state: Ahead } | undefined {
  // Postgres's query runner holds its pool client there; the QueryRunner interface does not say so.
  const runner = ('isTransactionActive' in db ? db : db.queryRunner) as (QueryRunner & { readonly databaseConnection?: unknown }) | undefined;
  const connection = runner?.isTransactionActive === true ? runner.databaseConnection : undefined;
  const state = typeof connection === 'object' && connection !== null ? states.get(connection as Client) : undefined;
  return state ? { client: connection as Client, state } : undefined;
}

/**
 * Holds what the transaction of `db` writes to Postgres until the promise jobs now under way have
 * run, so that statements issued together in it (ADR 0191), each reaching the connection a few
 * promise jobs after the one before (behind TypeORM's and the repositories' own `await`s), leave
 * in one socket write rather than one each (ADR 0192). The writes go once the queue of promise
 * jobs is empty: a tick queued from a promise job runs only then, whether the hold was asked for
 * from a promise job or from a callback (whose promise jobs run before the tick is queued), and
 * before anything else the event loop has to run. A statement a group sends only after waiting for
 * I/O leaves later, in a write of its own.
 */
export function holdWrites(db: InTransaction): void {
  const held = inTransaction(db);
  if (!held) return;
  const { client, state } = held;
  const hold = {};
  state.held = hold;
  cork(client, state);
  // A promise job and the tick taken when this module loaded: a test's fake timers replace
  // `queueMicrotask` and `process.nextTick`, and would keep the writes held for good.
  void Promise.resolve().then(() =>
    nextTick(() => {
      if (state.held === hold) uncork(client, state, true);
    }),
  );
}

/**
 * Waits for the answers of what the transaction of `db` sent ahead, and fails with the first
 * failure among them; at once when it sent nothing ahead but its opening. For a caller that must know such a
 * failure before it goes on: a consumer blames a failure on the event whose handler sent it, not
 * on the next event, whose first statement would otherwise tell it. A failure is still told to
 * the transaction's next statement as well, which is then not sent.
 */
export async function answersAhead(db: InTransaction | QueryRunner): Promise<void> {
  const waiting = inTransaction(db);
  if (!waiting) return;
  const { client, state } = waiting;
  const batch = state.batch;
  // The opening alone: its answer is left to the next statement, as it was.
  if (batch.answers.every((answer) => answer === batch.opening)) return;
  // Sent now rather than at the loop's next turn: nothing will join it.
  uncork(client, state, true);
  // A statement sent ahead meanwhile (the transaction used without waiting) joins the batch, and is waited for too.
  for (let waited = 0; waited < batch.answers.length; ) {
    waited = batch.answers.length;
    await Promise.allSettled(batch.answers);
  }
  // As TypeORM reports a statement's failure, naming the statement that failed (its parameters left out: they may be personal).
  if (batch.failed) throw new QueryFailedError(batch.failed.text, undefined, batch.failed.error as Error);
  if (state.batch === batch) state.batch = noBatch();
}

/**
 * Runs `work` in a savepoint of `tx`, once what `tx` sent ahead has been answered. A failure ahead
 * told by the `SAVEPOINT` itself would leave TypeORM's depth one short: it would roll the whole
 * transaction back, take its runner for outside a transaction, and the savepoints after it would
 * each open and commit a transaction of their own. Told here, it fails before the savepoint, and
 * the transaction sends nothing more but its rollback.
 */
export async function inSavepoint<T>(tx: EntityManager, work: (savepoint: EntityManager) => Promise<T>): Promise<T> {
  await answersAhead(tx);
  return tx.transaction(work);
}

/**
 * A COMMIT that Postgres answered by rolling back: a statement of the transaction had failed
 * without its failure reaching anyone. Postgres says so only by the answer's tag; taken as
 * committed, the transaction's work would be lost in silence.
 */
function refusingRollback(result: unknown): unknown {
  if ((result as { readonly command?: unknown } | null | undefined)?.command !== 'ROLLBACK') return result;
  throw Object.assign(new Error('the transaction was rolled back at its COMMIT: a statement of it had failed'), { code: IN_FAILED_SQL_TRANSACTION });
}

/**
 * A node-postgres Client class (for a pool's `extra.Client`, with `pipeline` on) that sends
 * statements ahead: TypeORM's `START TRANSACTION` and those {@link sendAhead} marks. Such a
 * statement is written at once and answered at once; the socket holds it until the next
 * statement is written (or the event loop turns), and both leave in one write. The next
 * statement's answer waits for the ones sent ahead of it, and is the first one's failure if one
 * failed; a statement issued once that failure is known is not sent at all. Statements issued
 * together after them (ADR 0191) are sent: the first waits for the batch, the others are
 * answered 25P02 by Postgres. A rollback waits for none, since what it lets go fails or not
 * alike. A statement pg refuses before sending it (a parameter it cannot encode) fails at once,
 * where its caller still waits. While {@link holdWrites} holds a connection's writes, every
 * statement written meanwhile leaves at the hold's release, in one write (ADR 0192). pg's
 * pipeline mode is what lets the next statement go before the answer of the one ahead.
 */
export function sendingAheadClient(Base: typeof Client): typeof Client {
  const query = Base.prototype.query;
  /** Sends `text` ahead; undefined once sent, or the error pg refused it with before sending anything. */
  const sendAheadOn = (client: Client, batch: Batch, text: string, values: unknown): { readonly error: unknown } | undefined => {
    let refused: { readonly error: unknown } | undefined;
    let sent = false;
    const answer = new Promise<unknown>((resolve, reject) => {
      const callback: Callback = (error, result) => {
        if (error === null) return resolve(result);
        // Called before the query call returns: pg refused it, and the server never saw it.
        if (!sent) refused = { error };
        else batch.failed ??= { error, text };
        reject(error);
      };
      Reflect.apply(query, client, values === undefined ? [text, callback] : [text, values, callback]);
    });
    sent = true;
    // Told to the next statement; handled here so that it is never an unhandled rejection.
    answer.catch(() => undefined);
    if (!refused) batch.answers.push(answer);
    return refused;
  };
  class SendingAheadClient extends Base {}
  Object.defineProperty(SendingAheadClient.prototype, 'query', {
    value: function (this: Client, ...args: unknown[]): unknown {
      const [text, ...rest] = args;
      const state = stateOf(this);
      if (isSentAhead(text, rest)) {
        // An opening starts afresh: nothing sent ahead before it belongs to its transaction.
        if (text === OPENING) state.batch = noBatch();
        const known = state.batch.failed;
        if (known) return Promise.reject(known.error as Error);
        // Not held past this turn of the event loop: a transaction awaiting something else
        // before its next statement still has its opening (and its lock) on the way.
        if (cork(this, state)) setImmediate(() => uncork(this, state));
        const refused = sendAheadOn(this, state.batch, text, rest[0]);
        if (refused) return Promise.reject(refused.error as Error);
        if (text === OPENING) state.batch.opening = state.batch.answers[0];
        return Promise.resolve(notWaitedFor(text));
      }
      const batch = state.batch;
      // Most statements follow nothing sent ahead: their batch is left as it is, empty.
      if (batch.answers.length > 0) state.batch = noBatch();
      const abandoning = typeof text === 'string' && ABANDONING.test(text);
      if (batch.failed && !abandoning) {
        // What it would run in is aborted, or (its opening failed) not there: it is not sent.
        uncork(this, state);
        return Promise.reject(batch.failed.error as Error);
      }
      const sent: unknown = Reflect.apply(query, this, args);
      uncork(this, state);
      const result = text === 'COMMIT' && sent instanceof Promise ? sent.then(refusingRollback) : sent;
      if (batch.answers.length === 0 || abandoning || !(result instanceof Promise)) return result;
      // pg answers in the order sent, so once all are in, `failed` holds the first failure.
      return Promise.allSettled(batch.answers).then(() => {
        if (!batch.failed) return result;
        result.catch(() => undefined);
        throw batch.failed.error;
      });
    },
  });
  return SendingAheadClient;
}
