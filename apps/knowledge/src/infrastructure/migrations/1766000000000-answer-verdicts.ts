import { sqlMigration } from '@cs/persistence';

/**
 * Each user's verdict on an answer version (ADR 0071): helped and not helped count once per user,
 * where every call added one. Counts recorded before stay as they are; who gave them is unknown.
 */
export const AnswerVerdicts1766000000000 = sqlMigration('AnswerVerdicts1766000000000', {
  up: [
    `
    CREATE TABLE answer_verdicts (
      answer_id uuid NOT NULL,
      version   integer NOT NULL,
      user_sub  text NOT NULL,
      verdict   text NOT NULL CHECK (verdict IN ('helped', 'not_helped')),
      given_at  timestamptz NOT NULL,
      PRIMARY KEY (answer_id, version, user_sub)
    )`,
  ],
  down: ['DROP TABLE answer_verdicts'],
});
