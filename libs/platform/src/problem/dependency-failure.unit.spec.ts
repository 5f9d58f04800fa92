import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDependencyFailure } from './dependency-failure';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyFailure', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['Postgres shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['Postgres starting up', withCode('the database system is starting up', '57P03')],
    ['a connection exception', withCode('connection failure', '08006')],
    ['a failover’s demoted primary, read-only', withCode('cannot execute INSERT in a read-only transaction', '25006')],
    ['a full disk', withCode('could not extend file: No space left on device', '53100')],
    ['the server out of memory', withCode('out of memory', '53200')],
    ['a deadlock', withCode('deadlock detected', '40P01')],
    ['a serialization failure', withCode('could not serialize access due to concurrent update', '40001')],
    ['pg’s pool giving up', new Error('timeout exceeded when trying to connect')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a statement Postgres never answered (DATABASE_QUERY_TIMEOUT_MS)', Object.assign(new Error('query failed'), { driverError: new Error('Query read timeout') })],
    ['TypeORM wrapping the driver’s error', Object.assign(new Error('query failed'), { driverError: withCode('read ECONNRESET', 'ECONNRESET') })],
    ['a cause chain', new Error('could not save', { cause: withCode('connect ECONNREFUSED ::1:6379', 'ECONNREFUSED') })],
    ['both addresses of localhost refused', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
    ['node-redis closed', Object.assign(new Error('The client is closed'), { name: 'ClientClosedError' })],
    ['node-redis closing a connection that stopped answering', new (class DisconnectsClientError extends Error {})('Disconnects client')],
    [
      'a transaction’s runner released when the server ended its session (@cs/persistence keeps why)',
      Object.assign(new QueryRunnerAlreadyReleasedError(), { cause: withCode('terminating connection due to administrator command', '57P01') }),
    ],
  ])('is true for %s', (_name, error) => {
    expect(isDependencyFailure(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError('Cannot read properties of undefined')],
    ['a runner used after the code released it', new QueryRunnerAlreadyReleasedError()],
    ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error in SQL', withCode('syntax error at or near "SELEC"', '42601')],
    ['a statement cancelled by its timeout, which it meets again', withCode('canceling statement due to statement timeout', '57014')],
    ['not an error', 'ECONNREFUSED'],
    ['a thrown object of no class', Object.create(null) as object],
  ])('is false for %s', (_name, error) => {
    expect(isDependencyFailure(error)).toBe(false);
  });
});
