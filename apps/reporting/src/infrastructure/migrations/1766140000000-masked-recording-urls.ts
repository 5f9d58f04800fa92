import { Type } from '@sinclair/typebox';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { execute, selectRows } from '@cs/persistence';
import { redactIdentifiersInUrl } from '@cs/privacy';

/** Spot checks read and rewritten per transaction: each holds its rows a moment, whatever the number stored. */
const BATCH = 500;
const NO_ID = '00000000-0000-0000-0000-000000000000';

const UrlRow = Type.Object({ id: Type.String(), url: Type.String() });

/**
 * The recording urls spot checks stored in clear before they were masked when written (ADR 0006):
 * each is masked as a spot check recorded now is, the rest of the address kept. Run a batch at a
 * time in order of id, each batch a short transaction of its own (ADR 0100 bounds its waits), so
 * no reader or writer of spot checks waits on it for long; a run cut off is run again whole, and
 * a url already masked comes out as it went in. A replica of the release before, serving during
 * the rollout, may still store one in clear after this ran: every read masks it again.
 * Nothing to undo: the urls in clear are not kept.
 */
export class MaskedRecordingUrls1766140000000 implements MigrationInterface {
  readonly name = 'MaskedRecordingUrls1766140000000';
  readonly transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    for (let after = NO_ID; ; ) {
      const read = await this.maskBatch(queryRunner, after);
      if (read.length < BATCH) return;
      after = read[read.length - 1]?.id ?? after;
    }
  }

  async down(): Promise<void> {}

  /** Masks the urls of the next batch of spot checks after `after`; returns the rows it read. */
  private async maskBatch(queryRunner: QueryRunner, after: string): Promise<{ id: string; url: string }[]> {
    await queryRunner.startTransaction();
    try {
      const rows = await selectRows(
        queryRunner,
        UrlRow,
        'SELECT id::text, target_url AS url FROM spot_checks WHERE id > $1::uuid AND target_url IS NOT NULL ORDER BY id LIMIT $2',
        [after, BATCH],
      );
      const changed = rows.map((row) => ({ ...row, masked: redactIdentifiersInUrl(row.url) })).filter((row) => row.masked !== row.url);
      if (changed.length > 0) {
        // Only a url still as read is replaced: a spot check is never rewritten, but one that were keeps its change.
        await execute(
          queryRunner,
          `UPDATE spot_checks s SET target_url = m.masked FROM unnest($1::uuid[], $2::text[], $3::text[]) AS m(id, url, masked)
            WHERE s.id = m.id AND s.target_url = m.url`,
          [changed.map((row) => row.id), changed.map((row) => row.url), changed.map((row) => row.masked)],
        );
      }
      await queryRunner.commitTransaction();
      return rows;
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    }
  }
}
