import { sqlMigration } from '@cs/persistence';

/**
 * 群发事件 — incidents as their own aggregate (ADR 0037): the incident row with its clocks, its
 * history and the updates told to customers, its own numbering, a child's link on the ticket,
 * and the children still owed the incident's resolution — one row each, deleted in the
 * transaction that resolves that child, so a fan-out cut short resumes where it stopped.
 */
export const Incidents1764740000000 = sqlMigration('Incidents1764740000000', {
  up: [
    `
    CREATE TABLE incidents (
      id                   uuid PRIMARY KEY,
      number               text NOT NULL UNIQUE,
      project_code         text NOT NULL,
      building             text,
      area                 text,
      item_code            text NOT NULL,
      section_code         text NOT NULL,
      title                text NOT NULL,
      description          text NOT NULL,
      priority             text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      status               text NOT NULL CHECK (status IN ('open', 'resolved')),
      department           text,
      handler              text,
      dispatched_at        timestamptz,
      policy_id            text,
      clocks               jsonb NOT NULL DEFAULT '[]',
      next_due_at          timestamptz,
      child_count          integer NOT NULL DEFAULT 0,
      update_count         integer NOT NULL DEFAULT 0,
      last_update_at       timestamptz,
      resolution           text,
      resolved_at          timestamptz,
      resolved_by          text,
      breached             boolean,
      children_resolved_at timestamptz,
      declared_by          text NOT NULL,
      declared_at          timestamptz NOT NULL,
      version              integer NOT NULL DEFAULT 1
    )`,
    // The desk asks for the open incidents of the caller's project and building on every call.
    "CREATE INDEX incidents_open_place_idx ON incidents (project_code, building, item_code) WHERE status <> 'resolved'",
    'CREATE INDEX incidents_declared_idx ON incidents (declared_at DESC, id DESC)',
    `
    CREATE TABLE incident_history (
      id          bigserial PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents (id),
      at          timestamptz NOT NULL,
      actor       text NOT NULL,
      action      text NOT NULL,
      details     jsonb NOT NULL DEFAULT '{}'
    )`,
    'CREATE INDEX incident_history_incident_idx ON incident_history (incident_id, id)',
    `
    CREATE TABLE incident_updates (
      id                  uuid PRIMARY KEY,
      incident_id         uuid NOT NULL REFERENCES incidents (id),
      sequence            integer NOT NULL,
      message             text NOT NULL,
      expected_restore_at timestamptz,
      recipients          integer NOT NULL,
      at                  timestamptz NOT NULL,
      by                  text NOT NULL,
      UNIQUE (incident_id, sequence)
    )`,
    'CREATE TABLE incident_number_counters (day text PRIMARY KEY, last integer NOT NULL)',
    'ALTER TABLE tickets ADD COLUMN incident_id uuid REFERENCES incidents (id)',
    'CREATE INDEX tickets_incident_idx ON tickets (incident_id, created_at) WHERE incident_id IS NOT NULL',
    `
    CREATE TABLE incident_child_resolutions (
      ticket_id    uuid PRIMARY KEY REFERENCES tickets (id),
      incident_id  uuid NOT NULL REFERENCES incidents (id),
      requested_at timestamptz NOT NULL
    )`,
    'CREATE INDEX incident_child_resolutions_requested_idx ON incident_child_resolutions (requested_at)',
  ],
  down: [
    'DROP TABLE incident_child_resolutions',
    'DROP INDEX tickets_incident_idx',
    'ALTER TABLE tickets DROP COLUMN incident_id',
    'DROP TABLE incident_number_counters',
    'DROP TABLE incident_updates',
    'DROP TABLE incident_history',
    'DROP TABLE incidents',
  ],
});
