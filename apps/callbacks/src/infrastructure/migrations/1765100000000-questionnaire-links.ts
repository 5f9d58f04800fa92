import { sqlMigration } from '@cs/persistence';

export const QuestionnaireLinks1765100000000 = sqlMigration('QuestionnaireLinks1765100000000', {
  up: [
    `
    CREATE TABLE questionnaire_links (
      nonce        text PRIMARY KEY,
      callback_id  uuid NOT NULL REFERENCES callbacks (id),
      expires_at   timestamptz NOT NULL,
      answered_at  timestamptz
    )`,
    'CREATE INDEX questionnaire_links_callback_idx ON questionnaire_links (callback_id)',
  ],
  down: ['DROP TABLE questionnaire_links'],
});
