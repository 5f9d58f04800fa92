import { loadServiceConfig } from '@cs/config';
import { serviceLogger } from '@cs/platform';
import { createServiceDataSource } from '@cs/persistence';
import { DEFAULT_ROTATION_BATCH_SIZE, rotatePiiKeys, type PiiRotationReport } from '../infrastructure/pii/rotate-pii-keys';
import { loadPiiKeyRing } from '../infrastructure/pii';
import { ROTATION_EXIT_CODES, rotationErrorExitCode, rotationExitCode } from './rotation-exit-code';

const USAGE = 'usage: rotate-pii-keys [--dry-run] [--batch-size N]';

interface Arguments {
  readonly dryRun: boolean;
  readonly batchSize: number;
}

/**
 * `node dist/apps/intake/src/cli/rotate-pii-keys.js [--dry-run] [--batch-size N]`: step 3 of
 * PII key rotation (see infrastructure/pii/README.md). Runs with the service's own
 * environment (DATABASE_URL, PII_* keys). Exit 0 once every value names the active key (or
 * the dry run counted); 1 when something a rerun finishes is left, or on an error: rerunning is
 * safe; 2 when the arguments or the configuration are refused; 3 when values do not decrypt,
 * which no rerun changes (ROTATION_EXIT_CODES).
 */
async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return ROTATION_EXIT_CODES.refused;
  }
  const config = loadServiceConfig('intake');
  const keys = loadPiiKeyRing(config.pii);
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
  let batchSize = DEFAULT_ROTATION_BATCH_SIZE;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--batch-size') {
      batchSize = Number(argv[(i += 1)]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) return undefined;
    } else return undefined;
  }
  return { dryRun, batchSize };
}

function summarise(report: PiiRotationReport): string {
  const byKey = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([keyId, count]) => `${keyId}: ${count}`)
      .join(', ') || '-';
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
  if (report.dryRun) {
    lines.push(`${report.remaining} value(s) to re-encrypt.`);
  } else if (report.complete) {
    lines.push(`Rotated ${report.rotated} value(s); every value is under "${report.activeKeyId}". Other keys may be removed once no backup still needs them.`);
  } else {
    const why = [
      report.interrupted ? 'interrupted' : undefined,
      report.failed > 0 ? `${report.failed} value(s) could not be decrypted` : undefined,
      report.remaining > 0 ? `${report.remaining} value(s) still under other keys` : undefined,
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
