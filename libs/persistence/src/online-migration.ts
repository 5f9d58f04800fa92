import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from './identifiers';
import { checkMigrationName } from './sql-migration';

/**
 * A step of an online migration. Each runs on its own, outside any transaction, so each must
 * leave the schema as it found it or as it should be, and do the same when run again:
 * - a statement that takes no lock writers wait on (`ALTER TABLE … SET (fillfactor = …)`, …)
 *   and has the same effect when repeated;
 * - an index built while the table is written (`CREATE INDEX CONCURRENTLY`);
 * - an index dropped while the table is written (`DROP INDEX CONCURRENTLY`).
 */
export type OnlineStep = string | { readonly createIndex: string; readonly on: string; readonly unique?: true } | { readonly dropIndex: string };

/**
 * A migration that changes a table holding data without holding off its writes (ADR 0064).
 * Postgres builds and drops an index concurrently only outside a transaction, so TypeORM runs
 * this migration without one and records it once every step is done. A migration job that dies
 * on the way (or a build that fails and leaves its index invalid) leaves the migration
 * unrecorded: the next run does every step again, and each step finishes what the last began.
 * TypeORM's own revert (`undoLastMigration`) wraps `down` in a transaction whatever the
 * migration says; run `down` on a query runner of its own, outside one.
 */
export function onlineMigration(name: string, steps: { up: readonly OnlineStep[]; down: readonly OnlineStep[] }): new () => MigrationInterface {
  checkMigrationName(name);
  return class implements MigrationInterface {
    readonly name = name;
    readonly transaction = false;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const step of steps.up) await runStep(queryRunner, step);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const step of steps.down) await runStep(queryRunner, step);
    }
  };
}

async function runStep(queryRunner: QueryRunner, step: OnlineStep): Promise<void> {
  if (typeof step === 'string') {
    await queryRunner.query(step);
  } else if ('createIndex' in step) {
    // A concurrent build that failed or was cut off leaves its index behind, marked invalid: read
    // by no query (and kept by every write, if it got that far). `IF NOT EXISTS` would keep it
    // so; build it anew.
    if ((await indexValidity(queryRunner, step.createIndex)) === false) {
      await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(step.createIndex)}`);
    }
    await queryRunner.query(`CREATE ${step.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdentifier(step.createIndex)} ${step.on}`);
  } else {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(step.dropIndex)}`);
  }
}

/** Whether the index of that name in the connection's schema is valid; undefined when there is none. */
async function indexValidity(queryRunner: QueryRunner, index: string): Promise<boolean | undefined> {
  const rows = (await queryRunner.query('SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass($1)', [quoteIdentifier(index)])) as {
    valid: boolean;
  }[];
  return rows[0]?.valid;
}
