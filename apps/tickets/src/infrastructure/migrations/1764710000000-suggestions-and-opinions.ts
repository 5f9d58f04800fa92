import { sqlMigration } from '@cs/persistence';

/**
 * Suggestion handling and complaint research on the ticket (ADR 0021), and the durable
 * deadlines of requested opinions: claimed with the ticket row locked and fired once, as SLA
 * timers are (ADR 0007).
 */
export const SuggestionsAndOpinions1764710000000 = sqlMigration('SuggestionsAndOpinions1764710000000', {
  up: [
    `ALTER TABLE tickets
       ADD COLUMN answer_id text,
       ADD COLUMN suggestion jsonb,
       ADD COLUMN opinions jsonb NOT NULL DEFAULT '[]',
       ADD COLUMN approved_reply jsonb`,
    `CREATE TABLE opinion_deadlines (
       ticket_id  uuid NOT NULL REFERENCES tickets (id),
       opinion_id uuid NOT NULL,
       due_at     timestamptz NOT NULL,
       fired_at   timestamptz,
       PRIMARY KEY (ticket_id, opinion_id)
     )`,
    'CREATE INDEX opinion_deadlines_due_idx ON opinion_deadlines (due_at) WHERE fired_at IS NULL',
  ],
  down: [
    'DROP TABLE opinion_deadlines',
    'ALTER TABLE tickets DROP COLUMN approved_reply, DROP COLUMN opinions, DROP COLUMN suggestion, DROP COLUMN answer_id',
  ],
});
