import { sqlMigration } from '@cs/persistence';

/**
 * 考核 — the scorecard scheme (one current version), and what quality staff record by hand:
 * spot checks (抽查) of a ticket, a callback or a call recording, and praise of an agent.
 */
export const Scorecards1764200000000 = sqlMigration('Scorecards1764200000000', {
  up: [
    `CREATE TABLE scorecard_schemes (
       id         text PRIMARY KEY,
       version    integer NOT NULL CHECK (version >= 1),
       scheme     jsonb NOT NULL,
       updated_at timestamptz NOT NULL,
       updated_by text NOT NULL
     )`,
    `CREATE TABLE spot_checks (
       id           uuid PRIMARY KEY,
       agent_id     text NOT NULL,
       target_kind  text NOT NULL CHECK (target_kind IN ('ticket', 'callback', 'recording')),
       target_id    text,
       target_url   text,
       project_code text,
       passed       boolean NOT NULL,
       comments     text NOT NULL,
       checked_at   timestamptz NOT NULL,
       checked_by   text NOT NULL
     )`,
    'CREATE INDEX spot_checks_agent_idx ON spot_checks (agent_id, checked_at)',
    `CREATE TABLE praise (
       id           uuid PRIMARY KEY,
       agent_id     text NOT NULL,
       reason       text NOT NULL,
       ticket_id    text,
       project_code text,
       received_at  timestamptz NOT NULL,
       recorded_by  text NOT NULL
     )`,
    'CREATE INDEX praise_agent_idx ON praise (agent_id, received_at)',
  ],
  down: ['DROP TABLE praise', 'DROP TABLE spot_checks', 'DROP TABLE scorecard_schemes'],
});
