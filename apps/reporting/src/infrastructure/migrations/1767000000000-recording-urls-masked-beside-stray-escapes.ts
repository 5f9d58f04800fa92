import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MaskedRecordingUrls1766140000000 } from './1766140000000-masked-recording-urls';

/**
 * The recording urls of spot checks masked again at rest under ADR 0162's latest update: the rule
 * before read a part holding a stray `%` whole as written, so a phone after an escape in it
 * (`#%0013812345678%…`) was stored in clear, glued to the escape's digits (every read masks it
 * again, but a backup, a replica or a query by hand reads the table). The same run as
 * 1766140000000 and 1766920000000, under this name: a batch of spot checks at a time in order of
 * id, each a short transaction of its own (ADR 0100), a url replaced only while it is still as
 * read, one already masked left as is, so a run cut off is run again whole. A replica of the
 * release before, serving during the rollout, masks what it writes under the earlier rule; every
 * read masks it again. Nothing to undo: the urls in clear are not kept.
 */
export class RecordingUrlsMaskedBesideStrayEscapes1767000000000 implements MigrationInterface {
  readonly name = 'RecordingUrlsMaskedBesideStrayEscapes1767000000000';
  readonly transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await new MaskedRecordingUrls1766140000000().up(queryRunner);
  }

  async down(): Promise<void> {}
}
