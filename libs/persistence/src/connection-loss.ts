import { EventEmitter } from 'node:events';
import { DataSource, QueryRunner, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** The error each connection failed with, kept for as long as the connection object lives. */
const lostWith = new WeakMap<EventEmitter, unknown>();
const watched = new WeakSet<EventEmitter>();
/** The connection each query runner holds. */
const connectionOf = new WeakMap<QueryRunner, EventEmitter>();

function watch(connection: EventEmitter): void {
  if (watched.has(connection)) return;
  watched.add(connection);
  connection.on('error', (error: unknown) => lostWith.set(connection, error));
}

/**
 * Keeps why a query runner's connection went away. When the connection fails between two
 * statements of a transaction (the server ends the session on a restart, 57P01; the network
 * drops it), TypeORM releases the runner on the connection's `error` event, and the next
 * statement — often the transaction's COMMIT — throws QueryRunnerAlreadyReleasedError, which
 * says nothing of why: a request was answered 500 and an event counted a failed attempt towards
 * its dead-lettering, for a database that was only restarting. That error now carries the
 * connection's failure as its `cause`, so it is told as what it is (a lost dependency: 503 with
 * Retry-After, an event tried again until Postgres is back).
 */
export function keepingConnectionLoss(dataSource: DataSource): DataSource {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => remembering(create(mode));
  // A transaction's EntityManager runs its statements through the data source, which refuses a
  // released runner with an error of its own before the runner is asked.
  const query = dataSource.query.bind(dataSource);
  dataSource.query = (async (sql: string, parameters?: unknown[], runner?: QueryRunner) => {
    try {
      return await query(sql, parameters, runner);
    } catch (error) {
      throw error instanceof QueryRunnerProviderAlreadyReleasedError && runner ? withWhyReleased(error, runner) : error;
    }
  }) as DataSource['query'];
  return dataSource;
}

/** The error, with the failure of the runner's connection as its cause when that is why the runner was released. */
function withWhyReleased(error: Error, runner: QueryRunner): Error {
  const connection = connectionOf.get(runner);
  const lost = connection && lostWith.get(connection);
  if (lost !== undefined) error.cause = lost;
  return error;
}

function remembering(runner: QueryRunner): QueryRunner {
  const connect = runner.connect.bind(runner);
  // TypeORM asks for the connection before every statement; a runner holds one for its life, so
  // it is noted on the first ask and the later ones go straight to TypeORM.
  runner.connect = async () => {
    const opened: unknown = await connect();
    if (opened instanceof EventEmitter) {
      connectionOf.set(runner, opened);
      watch(opened);
      runner.connect = connect;
    }
    return opened;
  };
  const query = runner.query.bind(runner);
  // Every statement of the runner goes through `query`, its own COMMIT and ROLLBACK included.
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    try {
      return await (structured === true ? query(sql, parameters, true) : query(sql, parameters));
    } catch (error) {
      throw error instanceof QueryRunnerAlreadyReleasedError ? withWhyReleased(error, runner) : error;
    }
  }) as QueryRunner['query'];
  return runner;
}
