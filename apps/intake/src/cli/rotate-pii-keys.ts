import { loadServiceConfig } from '@cs/config';
import type { PiiRotationReport } from '../infrastructure/pii/rotate-pii-keys';
import type { KeyRingReplica } from '../infrastructure/pii/key-ring-replicas';
import { loadPiiKeyRing } from '../infrastructure/pii/pii-keys';
import { ROTATION_EXIT_CODES, rotationErrorExitCode, rotationExitCode } from './rotation-exit-code';

const USAGE = 'usage: rotate-pii-keys [--dry-run] [--batch-size N] [--wait-for-replicas SECONDS] [--replica-check-ms MS]';
/** The Job's activeDeadlineSeconds is a day; an hour's wait is already a roll gone wrong. */
const MAX_REPLICA_WAIT_S = 3_600;

/** Unless given, rotatePiiKeys' own: 500 rows a batch, a 10-minute wait for the replicas, looked at every 5 s. */
interface Arguments {
  readonly dryRun: boolean;
  readonly batchSize?: number;
  readonly waitForReplicasMs?: number;
  readonly replicaPollMs?: number;
}

/**
 * `node dist/apps/intake/src/cli/rotate-pii-keys.js [--dry-run] [--batch-size N] [--wait-for-replicas SECONDS] [--replica-check-ms MS]`:
 * step 3 of PII key rotation (see infrastructure/pii/README.md). Runs with the service's own
 * environment (DATABASE_URL, PII_* keys). Exit 0 once every value names the active key (or
 * the dry run counted); 1 when something a rerun finishes is left, or on an error: rerunning is
 * safe; 2 when the arguments or the configuration are refused; 3 when values do not decrypt,
 * which no rerun changes; 4 when an intake replica still writes with another key once the wait
 * for it ran out (ROTATION_EXIT_CODES).
 */
async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return ROTATION_EXIT_CODES.refused;
  }
  const config = loadServiceConfig('intake');
  const keys = loadPiiKeyRing(config.pii);
  const { serviceLogger, createServiceDataSource, rotatePiiKeys } = await import('./rotation-run');
  const logger = serviceLogger('intake', config.logLevel);
  if (keys.usesDevelopmentKeys) logger.warn('using the published development PII keys');

  // First signal: finish the batch in flight and report; a second one gives up at once, which
  // is still safe because the open batch's transaction rolls back.
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(1);
    logger.warn({ signal }, 'stopping after the current batch (send again to stop at once)');
    controller.abort();
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);

  const dataSource = createServiceDataSource({
    url: config.database.url,
    schema: config.database.schema,
    poolSize: 2,
    applicationName: 'intake-rotate-pii-keys',
  });
  await dataSource.initialize();
  try {
    const report = await rotatePiiKeys(dataSource, keys, {
      logger,
      dryRun: args.dryRun,
      batchSize: args.batchSize,
      waitForReplicasMs: args.waitForReplicasMs,
      replicaPollMs: args.replicaPollMs,
      signal: controller.signal,
    });
    console.log(summarise(report));
    return rotationExitCode(report);
  } finally {
    await dataSource.destroy();
  }
}

function parseArguments(argv: readonly string[]): Arguments | undefined {
  let dryRun = false;
  let batchSize: number | undefined;
  let waitForReplicasMs: number | undefined;
  let replicaPollMs: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--batch-size') {
      batchSize = Number(argv[(i += 1)]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) return undefined;
    } else if (arg === '--wait-for-replicas') {
      // Number('') is 0: an empty value must be refused, not taken as "do not wait".
      const text = argv[(i += 1)] ?? '';
      const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(seconds) || seconds > MAX_REPLICA_WAIT_S) return undefined;
      waitForReplicasMs = seconds * 1000;
    } else if (arg === '--replica-check-ms') {
      const text = argv[(i += 1)] ?? '';
      replicaPollMs = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!(replicaPollMs >= 100 && replicaPollMs <= 60_000)) return undefined;
    } else return undefined;
  }
  return { dryRun, batchSize, waitForReplicasMs, replicaPollMs };
}

function summarise(report: PiiRotationReport): string {
  const byKey = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([keyId, count]) => `${keyId}: ${count}`)
      .join(', ') || '-';
  const replicas = (behind: readonly KeyRingReplica[]): string =>
    behind.map((r) => `${r.host} (key "${r.activeKeyId}", heard ${Math.round(r.silentForMs / 1000)} s ago)`).join(', ');
  if (report.refused) {
    return [
      `PII key rotation to active key "${report.activeKeyId}" REFUSED: ${report.replicasBehind.length} intake replica(s) still write with another key: ${replicas(report.replicasBehind)}.`,
      `Nothing was re-encrypted. Roll intake to the end with PII_ACTIVE_KEY_ID=${report.activeKeyId} (kubectl -n cs rollout status deploy/intake), then start the Job again.`,
    ].join('\n');
  }
  const lines = [
    `PII key rotation to active key "${report.activeKeyId}"${report.dryRun ? ' (dry run: counted only, nothing changed)' : ''}`,
    ...report.columns.map((c) =>
      report.dryRun
        ? `  ${`${c.table}.${c.column}`.padEnd(28)} not under "${report.activeKeyId}": ${c.pending} (${byKey(c.pendingByKeyId)})`
        : `  ${`${c.table}.${c.column}`.padEnd(28)} rotated ${c.rotated}, failed ${c.failed}, remaining ${c.remaining} (${byKey(c.remainingByKeyId)})`,
    ),
  ];
  for (const c of report.columns) {
    for (const f of c.failures) lines.push(`  cannot decrypt ${c.table}.${c.column} of row ${f.ref}: ${f.reason}${f.keyId ? ` (key "${f.keyId}")` : ''}`);
    if (c.failed > c.failures.length) lines.push(`  … and ${c.failed - c.failures.length} more in ${c.table}.${c.column}`);
  }
  if (report.replicasBehind.length > 0) {
    lines.push(`  intake replica(s) writing with another key than "${report.activeKeyId}": ${replicas(report.replicasBehind)}`);
  }
  if (report.dryRun) {
    lines.push(`${report.remaining} value(s) to re-encrypt.${report.replicasBehind.length > 0 ? ' A real run would wait for the replicas above, then refuse.' : ''}`);
  } else if (report.complete) {
    lines.push(`Rotated ${report.rotated} value(s); every value is under "${report.activeKeyId}". Other keys may be removed once no backup still needs them.`);
  } else {
    const why = [
      report.interrupted ? 'interrupted' : undefined,
      report.failed > 0 ? `${report.failed} value(s) could not be decrypted` : undefined,
      report.remaining > 0 ? `${report.remaining} value(s) still under other keys` : undefined,
      report.replicasBehind.length > 0 ? `intake replica(s) write with another key: roll intake onto "${report.activeKeyId}" first` : undefined,
    ].filter((reason) => reason !== undefined);
    lines.push(`Rotated ${report.rotated} value(s); NOT complete (${why.join('; ')}). Keep the old keys; fix any failures and rerun.`);
  }
  return lines.join('\n');
}

// exitCode rather than exit(), so buffered log lines and the summary are flushed first.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Config and key errors list their problems without key material, so they can be shown.
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = rotationErrorExitCode(error);
  },
);
