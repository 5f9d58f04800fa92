import { sqlMigration } from '@cs/persistence';

/**
 * A contact's attachments sealed as its content is (ADR 0006): their names are personal data as
 * often as not (张三-身份证.jpg). Rows written before keep theirs in `attachments`, read as they are.
 */
export const SealedAttachments1766410000000 = sqlMigration('SealedAttachments1766410000000', {
  up: ['ALTER TABLE contacts ADD COLUMN attachments_enc text'],
  down: ['ALTER TABLE contacts DROP COLUMN attachments_enc'],
});
