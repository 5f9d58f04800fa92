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
};
