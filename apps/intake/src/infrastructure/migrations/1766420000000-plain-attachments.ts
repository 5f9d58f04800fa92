import { onlineMigration } from '@cs/persistence';

/**
 * The contacts whose attachments were stored before they were sealed (1766410000000), which
 * `SealPlainAttachments` seals a batch at a time: indexed alone, so a round finds them without
 * reading every contact, and the index is empty once they are done. Built online (ADR 0064).
 */
export const PlainAttachments1766420000000 = onlineMigration('PlainAttachments1766420000000', {
  up: [{ createIndex: 'contacts_plain_attachments_idx', on: "ON contacts (id) WHERE attachments <> '[]'::jsonb" }],
  down: [{ dropIndex: 'contacts_plain_attachments_idx' }],
});
