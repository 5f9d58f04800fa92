import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const INFRA_SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'infra.sh');

/**
 * Stops and starts the local Kafka broker of `scripts/infra.sh`, for tests of what an
 * outage does. Only possible when this machine runs the broker itself.
 */
export const kafkaBroker = {
  stop: () => run('bash', [INFRA_SCRIPT, 'kafka-stop'], { timeout: 120_000 }),
  start: () => run('bash', [INFRA_SCRIPT, 'kafka-start'], { timeout: 180_000 }),
  /** Its host frozen, its connections open and nothing answered (SIGSTOP); `thaw`, `start` or `infra.sh up` lets it go on. */
  freeze: () => run('bash', [INFRA_SCRIPT, 'kafka-freeze'], { timeout: 120_000 }),
  thaw: () => run('bash', [INFRA_SCRIPT, 'kafka-thaw'], { timeout: 120_000 }),
};

/**
 * Restarts the local Postgres server of `scripts/infra.sh` (a fast shutdown: every session
 * ended with 57P01, then new connections refused and answered 57P03 while it starts), for tests
 * of what a real server's restart does; a cut relay shows none of the server's own errors.
 */
export const postgresServer = {
  restart: () => run('bash', [INFRA_SCRIPT, 'postgres-restart'], { timeout: 180_000 }),
};
