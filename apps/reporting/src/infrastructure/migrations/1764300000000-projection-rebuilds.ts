import { sqlMigration } from '@cs/persistence';

/**
 * 重建 — a rebuild of the read model from the start of the topics: its progress, and the next
 * offset of each partition it reads, committed with the rows it wrote, so it resumes where it
 * stopped. At most one runs at a time.
 */
export const ProjectionRebuilds1764300000000 = sqlMigration('ProjectionRebuilds1764300000000', {
  up: [
    `CREATE TABLE projection_rebuilds (
       id             uuid PRIMARY KEY,
       status         text NOT NULL CHECK (status IN ('running', 'completed')),
       requested_by   text NOT NULL,
       started_at     timestamptz NOT NULL,
       finished_at    timestamptz,
       events_total   bigint NOT NULL,
       events_applied bigint NOT NULL DEFAULT 0
     )`,
    `CREATE UNIQUE INDEX projection_rebuilds_one_running ON projection_rebuilds ((true)) WHERE status = 'running'`,
    `CREATE TABLE projection_rebuild_positions (
       rebuild_id  uuid NOT NULL REFERENCES projection_rebuilds (id),
       topic       text NOT NULL,
       partition   integer NOT NULL,
       next_offset bigint NOT NULL,
       end_offset  bigint NOT NULL,
       PRIMARY KEY (rebuild_id, topic, partition)
     )`,
  ],
  down: ['DROP TABLE projection_rebuild_positions', 'DROP TABLE projection_rebuilds'],
});
