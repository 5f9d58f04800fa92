import { sqlMigration } from '@cs/persistence';

/**
 * One row per running intake replica: the key id its PII key ring encrypts with and when it last
 * said so, so the rotation Job can tell whether every replica has rolled onto the new key
 * (ADR 0158). A handful of rows, each rewritten every few seconds.
 */
export const KeyRingReplicas1766800000000 = sqlMigration('KeyRingReplicas1766800000000', {
  up: [
    `
    CREATE TABLE pii_key_ring_replicas (
      replica_id     uuid PRIMARY KEY,
      host           text NOT NULL,
      active_key_id  text NOT NULL,
      started_at     timestamptz NOT NULL,
      seen_at        timestamptz NOT NULL
    )`,
  ],
  down: ['DROP TABLE pii_key_ring_replicas'],
});
