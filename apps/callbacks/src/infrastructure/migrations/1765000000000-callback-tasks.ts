import { sqlMigration } from '@cs/persistence';

export const CallbackTasks1765000000000 = sqlMigration('CallbackTasks1765000000000', {
  up: [
    `ALTER TABLE followed_tickets ADD COLUMN grade text NOT NULL DEFAULT 'general'`,
    `
    CREATE TABLE callback_policies (
      id        text PRIMARY KEY,
      position  integer NOT NULL,
      document  jsonb NOT NULL
    )`,
    `CREATE TABLE callback_policies_version (version integer NOT NULL)`,
    `INSERT INTO callback_policies_version (version) VALUES (1)`,
    `
    CREATE TABLE callbacks (
      id                   uuid PRIMARY KEY,
      kind                 text NOT NULL,
      method               text NOT NULL,
      status               text NOT NULL,
      ticket_id            uuid,
      customer_id          uuid NOT NULL,
      project_code         text,
      section_code         text,
      item_code            text,
      assignee             text,
      policy_id            text,
      plan_id              uuid,
      previous_callback_id uuid,
      due_at               timestamptz NOT NULL,
      attempts_allowed     integer NOT NULL,
      retry_spacing_minutes integer NOT NULL,
      attempts             integer NOT NULL DEFAULT 0,
      next_attempt_at      timestamptz,
      satisfied            boolean,
      completed_at         timestamptz,
      follow_ups           jsonb NOT NULL DEFAULT '[]',
      created_at           timestamptz NOT NULL,
      version              integer NOT NULL
    )`,
    // One open callback per ticket: a redelivered or repeated resolution finds it already scheduled.
    `CREATE UNIQUE INDEX callbacks_one_open_per_ticket ON callbacks (ticket_id) WHERE status IN ('due', 'overdue') AND kind = 'ticket'`,
    'CREATE INDEX callbacks_queue_idx ON callbacks (status, due_at, id)',
    'CREATE INDEX callbacks_ticket_idx ON callbacks (ticket_id)',
    `
    CREATE TABLE callback_attempts (
      callback_id   uuid NOT NULL REFERENCES callbacks (id),
      attempt       integer NOT NULL,
      outcome       text NOT NULL,
      satisfaction  text,
      score         integer,
      service_score integer,
      comment       text,
      new_needs     text,
      at            timestamptz NOT NULL,
      by            text NOT NULL,
      PRIMARY KEY (callback_id, attempt)
    )`,
    `
    CREATE TABLE callback_timers (
      id          bigserial PRIMARY KEY,
      callback_id uuid NOT NULL REFERENCES callbacks (id),
      deadline    text NOT NULL,
      fire_at     timestamptz NOT NULL,
      fired_at    timestamptz
    )`,
    'CREATE INDEX callback_timers_due_idx ON callback_timers (fire_at) WHERE fired_at IS NULL',
  ],
  down: [
    'DROP TABLE callback_timers',
    'DROP TABLE callback_attempts',
    'DROP TABLE callbacks',
    'DROP TABLE callback_policies_version',
    'DROP TABLE callback_policies',
    'ALTER TABLE followed_tickets DROP COLUMN grade',
  ],
});
