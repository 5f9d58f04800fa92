import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MaskedRecordingUrls1766140000000 } from './1766140000000-masked-recording-urls';

/**
 * The recording urls of spot checks masked again at rest under ADR 0162: migration 1766140000000
 * and the writes of the releases before masked them under the earlier rule, which read an address
 * written with backslashes after its host whole as host, kept its host and a password as stored,
 * and left an ID number glued to other digits, so such a url is stored with a phone, an ID number
 * or a password in clear (every read masks it again, but a backup, a replica or a query by hand
 * reads the table). The same run as 1766140000000, under this name: a batch of spot checks at a
 * time in order of id, each a short transaction of its own (ADR 0100), a url replaced only while
 * it is still as read, one already masked left as is, so a run cut off is run again whole. A
 * replica of the release before, serving during the rollout, masks what it writes under the
 * earlier rule; every read masks it again. Nothing to undo: the urls in clear are not kept.
 */
export class RecordingUrlsMaskedAgain1766920000000 implements MigrationInterface {
  readonly name = 'RecordingUrlsMaskedAgain1766920000000';
  readonly transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await new MaskedRecordingUrls1766140000000().up(queryRunner);
  }

  async down(): Promise<void> {}
}
