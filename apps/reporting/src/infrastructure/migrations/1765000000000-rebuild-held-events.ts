import { sqlMigration } from '@cs/persistence';

/**
 * 重建 — live events past a rebuild's end offsets that arrive while the replay has not yet read
 * their partition to its end: held here, and applied to the shadow tables by the transaction that
 * replays the partition's last records, after them, so a ticket's changes land in their order.
 */
export const RebuildHeldEvents1765000000000 = sqlMigration('RebuildHeldEvents1765000000000', {
  up: [
    `CREATE TABLE projection_rebuild_held_events (
       rebuild_id uuid NOT NULL REFERENCES projection_rebuilds (id),
       topic      text NOT NULL,
       partition  integer NOT NULL,
       "offset"   bigint NOT NULL,
       event      jsonb NOT NULL,
       PRIMARY KEY (rebuild_id, topic, partition, "offset")
     )`,
  ],
  down: ['DROP TABLE projection_rebuild_held_events'],
});
