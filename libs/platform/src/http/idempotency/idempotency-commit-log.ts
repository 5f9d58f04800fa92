import { Inject, Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { OutboxWriter, schemaOf } from '@cs/messaging';
import { Queryable, quoteIdentifier, selectRow } from '@cs/persistence';
import { OUTBOX, SERVICE_CONFIG } from '../../tokens';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key';
import { currentAttempt } from './idempotent-attempt';

const TABLE = 'idempotency_commits';

/** The table a service records the Idempotency-Keys its commands committed under, in its own schema (ADR 0070). */
export function idempotencyCommitsMigration(timestamp: number): new () => MigrationInterface {
  return class IdempotencyCommits implements MigrationInterface {
    readonly name = `IdempotencyCommits${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      const s = quoteIdentifier(schemaOf(queryRunner));
      await queryRunner.query(
        `CREATE TABLE ${s}.${TABLE} (
           key_digest   text PRIMARY KEY,
           attempt      uuid NOT NULL,
           committed_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      await queryRunner.query(`CREATE INDEX idempotency_commits_committed_at_idx ON ${s}.${TABLE} (committed_at)`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${quoteIdentifier(schemaOf(queryRunner))}.${TABLE}`);
    }
  };
}

/**
 * The sealed answer of the command a row records (ADR 0160): a nullable column, added without
 * rewriting the table; a row committed before it, or whose answer was never written, has none.
 */
export function idempotencyAnswersMigration(timestamp: number): new () => MigrationInterface {
  return class IdempotencyAnswers implements MigrationInterface {
    readonly name = `IdempotencyAnswers${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`ALTER TABLE ${quoteIdentifier(schemaOf(queryRunner))}.${TABLE} ADD COLUMN answer text`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`ALTER TABLE ${quoteIdentifier(schemaOf(queryRunner))}.${TABLE} DROP COLUMN answer`);
    }
  };
}

/** What a retry finds of a command that committed under its key: its sealed answer, or none (ADR 0160). */
export interface CommittedKey {
  readonly answer: string | undefined;
}

/** The refusal of a retry whose command committed and whose answer cannot be given. */
export function alreadyApplied(): DomainError {
  return new DomainError(
    'IDEMPOTENCY.ALREADY_APPLIED',
    'conflict',
    `a request with this ${IDEMPOTENCY_KEY_HEADER} was already carried out and its answer is no longer held; read the result, or send a new key to do it again`,
  );
}

const RecordedRow = Type.Object({ wrote: Type.Boolean(), recorded: Type.Boolean() });
const AttemptRow = Type.Object({ attempt: Type.String() });
const PrunedRow = Type.Object({ pruned: Type.Integer() });
const AnswerRow = Type.Object({ answer: Type.Union([Type.String(), Type.Null()]) });

/**
 * A command under an Idempotency-Key records the key in its own transaction, as the
 * transaction's last statement. Redis holds the answer to replay, but it can lose it (a restart,
 * an eviction), and a 5xx raised after the commit (its answer lost on the way back) frees the
 * key: either way a retry ran the command again. Once the answer exists it is put on the row,
 * sealed as Redis holds it, and a retry Redis has no record of is answered from it before its
 * handler runs (ADR 0160); a row without one (a crash between the commit and that write) is 409
 * `IDEMPOTENCY.ALREADY_APPLIED`. A retry that got past that check (Redis lost the record while the
 * first attempt ran) finds the key recorded by another attempt at its commit and is rolled back
 * with the same 409: either way it has no second effect.
 *
 * A transaction records the key once it holds a transaction id: it wrote or locked rows (a read
 * alone leaves nothing a retry could repeat). Every transaction of one attempt may record it: the
 * attempt's own record is no conflict. A retry is refused at its first writing transaction, so a
 * command must be one; each of the services' commands is.
 */
@Injectable()
export class IdempotencyCommitLog {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX) outbox: OutboxWriter,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.table = `${quoteIdentifier(config.database.schema)}.${TABLE}`;
    outbox.committed.onCommitting((queryRunner) => this.recordIn(queryRunner));
  }

  /** In a transaction about to commit: records the current attempt's key if it wrote; throws when another attempt did. */
  async recordIn(db: Queryable): Promise<void> {
    const current = currentAttempt();
    if (!current) return;
    // Whether the transaction wrote is asked before the insert, which would make it so. The
    // time is the clock's: now() would be the transaction's start.
    const row = await selectRow(
      db,
      RecordedRow,
      `WITH w AS (SELECT txid_current_if_assigned() IS NOT NULL AS wrote),
            ins AS (INSERT INTO ${this.table} (key_digest, attempt, committed_at) SELECT $1, $2, clock_timestamp() FROM w WHERE w.wrote
                    ON CONFLICT (key_digest) DO NOTHING RETURNING 1)
       SELECT w.wrote, EXISTS (SELECT 1 FROM ins) AS recorded FROM w`,
      [current.keyDigest, current.attempt],
    );
    if (row?.wrote !== true) return;
    if (!row.recorded) {
      // Recorded already: whose it is takes a statement of its own, whose snapshot also sees a record
      // committed while the insert waited on it.
      const attempt = (await selectRow(db, AttemptRow, `SELECT attempt::text FROM ${this.table} WHERE key_digest = $1`, [current.keyDigest]))?.attempt;
      if (attempt !== current.attempt) throw alreadyApplied();
    }
    current.recorded = true;
  }

  /**
   * Puts the sealed answer onto the attempt's row, once the command committed and its answer
   * exists; a statement of its own, since the answer exists only after the commit. Nothing when the
   * row is another attempt's (or gone).
   */
  async keepAnswer(keyDigest: string, attempt: string, sealedAnswer: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.table} SET answer = $3 WHERE key_digest = $1 AND attempt = $2`, [keyDigest, attempt, sealedAnswer]);
  }

  /** The command recorded under the key since `since`, by its primary key; undefined when none was. */
  async committed(keyDigest: string, since: Date): Promise<CommittedKey | undefined> {
    const row = await selectRow(this.dataSource, AnswerRow, `SELECT answer FROM ${this.table} WHERE key_digest = $1 AND committed_at >= $2`, [keyDigest, since]);
    if (row === undefined) return undefined;
    return { answer: row.answer ?? undefined };
  }

  /** Forgets keys recorded before `before`, at most `limit` of them; returns how many. */
  async prune(before: Date, limit: number): Promise<number> {
    const row = await selectRow(
      this.dataSource,
      PrunedRow,
      `WITH gone AS (
         DELETE FROM ${this.table} WHERE key_digest IN (
           SELECT key_digest FROM ${this.table} WHERE committed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING 1)
       SELECT count(*)::int AS pruned FROM gone`,
      [before, limit],
    );
    return row?.pruned ?? 0;
  }
}
