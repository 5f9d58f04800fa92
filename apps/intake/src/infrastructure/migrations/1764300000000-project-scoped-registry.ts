import { sqlMigration } from '@cs/persistence';

/**
 * The registry is scoped by project (ADR 0006): a phone may belong to one customer record per
 * set of projects that cannot see each other, so the phone's blind index stops being the key
 * of `customer_phones`; each row gets its own id (which key rotation pages by). Intake's copy
 * of tickets learns each ticket's project, so a follow-up cannot name another project's ticket.
 */
export const ProjectScopedRegistry1764300000000 = sqlMigration('ProjectScopedRegistry1764300000000', {
  up: [
    'ALTER TABLE customer_phones ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()',
    'ALTER TABLE customer_phones DROP CONSTRAINT customer_phones_pkey',
    'ALTER TABLE customer_phones ADD PRIMARY KEY (id)',
    'CREATE UNIQUE INDEX customer_phones_owner_idx ON customer_phones (phone_idx, customer_id)',
    'ALTER TABLE known_tickets ADD COLUMN project_code text',
  ],
  down: [
    'ALTER TABLE known_tickets DROP COLUMN project_code',
    'DROP INDEX customer_phones_owner_idx',
    'ALTER TABLE customer_phones DROP CONSTRAINT customer_phones_pkey',
    'ALTER TABLE customer_phones ADD PRIMARY KEY (phone_idx)',
    'ALTER TABLE customer_phones DROP COLUMN id',
  ],
});
