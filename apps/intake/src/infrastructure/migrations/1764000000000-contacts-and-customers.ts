import { CATALOGUE_SEED } from '@cs/contracts';
import { quoteLiteral, sqlMigration } from '@cs/persistence';

const catalogueRows = CATALOGUE_SEED.flatMap((section) =>
  section.items.map((item) => `(${quoteLiteral(item.code)}, ${quoteLiteral(section.code)}, true)`),
).join(',\n      ');

/**
 * The customer registry and contacts. Personal fields are stored only encrypted (`*_enc`)
 * with a keyed blind index (`*_idx`) for exact lookup; nothing here is readable without the
 * service's keys.
 */
export const ContactsAndCustomers1764000000000 = sqlMigration('ContactsAndCustomers1764000000000', {
  up: [
    `CREATE TABLE customers (
       id          uuid PRIMARY KEY,
       name_enc    text,
       name_idx    text,
       email_enc   text,
       email_idx   text,
       address_enc text,
       tags        text[] NOT NULL DEFAULT '{}',
       purchase    jsonb,
       merged_into uuid REFERENCES customers (id),
       erased_at   timestamptz,
       pseudonym   text,
       created_at  timestamptz NOT NULL DEFAULT now(),
       updated_at  timestamptz NOT NULL DEFAULT now(),
       version     integer NOT NULL DEFAULT 1
     )`,
    'CREATE INDEX customers_name_idx ON customers (name_idx)',
    'CREATE INDEX customers_email_idx ON customers (email_idx)',
    // One customer per normalised phone: the blind index is the primary key.
    `CREATE TABLE customer_phones (
       phone_idx   text PRIMARY KEY,
       customer_id uuid NOT NULL REFERENCES customers (id),
       phone_enc   text NOT NULL,
       position    integer NOT NULL,
       added_at    timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX customer_phones_customer_idx ON customer_phones (customer_id, position)',
    `CREATE TABLE customer_units (
       customer_id  uuid NOT NULL REFERENCES customers (id),
       project_code text NOT NULL,
       building     text NOT NULL DEFAULT '',
       room         text NOT NULL DEFAULT '',
       relation     text NOT NULL,
       PRIMARY KEY (customer_id, project_code, building, room)
     )`,
    'CREATE INDEX customer_units_room_idx ON customer_units (project_code, room, building)',
    `CREATE TABLE customer_merges (
       id          uuid PRIMARY KEY,
       survivor_id uuid NOT NULL REFERENCES customers (id),
       merged_id   uuid NOT NULL REFERENCES customers (id),
       merged_by   text NOT NULL,
       reason      text NOT NULL,
       merged_at   timestamptz NOT NULL
     )`,
    `CREATE TABLE contacts (
       id           uuid PRIMARY KEY,
       customer_id  uuid NOT NULL REFERENCES customers (id),
       channel      text NOT NULL,
       direction    text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
       occurred_at  timestamptz NOT NULL,
       recorded_by  text NOT NULL,
       project_code text,
       building     text,
       room         text,
       content_enc  text,
       item_code    text,
       ticket_id    uuid,
       route        text NOT NULL CHECK (route IN ('new_matter', 'follow_up')),
       attachments  jsonb NOT NULL DEFAULT '[]',
       source       text NOT NULL CHECK (source IN ('agent', 'webhook')),
       external_id  text,
       created_at   timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX contacts_customer_idx ON contacts (customer_id, occurred_at DESC)',
    'CREATE UNIQUE INDEX contacts_external_idx ON contacts (channel, external_id) WHERE external_id IS NOT NULL',
    `CREATE TABLE pii_access_log (
       id          bigserial PRIMARY KEY,
       actor_sub   text NOT NULL,
       actor_name  text NOT NULL,
       customer_id uuid NOT NULL,
       purpose     text NOT NULL,
       fields      text[] NOT NULL,
       request_id  text,
       accessed_at timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX pii_access_log_customer_idx ON pii_access_log (customer_id, accessed_at DESC)',
    'CREATE INDEX pii_access_log_actor_idx ON pii_access_log (actor_sub, accessed_at DESC)',
    `CREATE TABLE projects (
       code       text PRIMARY KEY,
       name       text NOT NULL,
       city       text,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE project_buildings (
       project_code text NOT NULL REFERENCES projects (code) ON DELETE CASCADE,
       code         text NOT NULL,
       name         text NOT NULL,
       rooms        text[] NOT NULL DEFAULT '{}',
       PRIMARY KEY (project_code, code)
     )`,
    // Intake's own view of tickets, from the tickets service's events: enough to link follow-ups.
    `CREATE TABLE known_tickets (
       ticket_id   uuid PRIMARY KEY,
       number      text NOT NULL,
       customer_id uuid NOT NULL,
       item_code   text,
       open        boolean NOT NULL,
       opened_at   timestamptz NOT NULL
     )`,
    'CREATE INDEX known_tickets_open_idx ON known_tickets (customer_id, item_code) WHERE open',
    // Intake's copy of the catalogue codes, to refuse unknown item codes at the door.
    `CREATE TABLE catalogue_items (
       code         text PRIMARY KEY,
       section_code text NOT NULL,
       active       boolean NOT NULL
     )`,
    `INSERT INTO catalogue_items (code, section_code, active) VALUES
      ${catalogueRows}`,
  ],
  down: [
    'DROP TABLE catalogue_items',
    'DROP TABLE known_tickets',
    'DROP TABLE project_buildings',
    'DROP TABLE projects',
    'DROP TABLE pii_access_log',
    'DROP TABLE contacts',
    'DROP TABLE customer_merges',
    'DROP TABLE customer_units',
    'DROP TABLE customer_phones',
    'DROP TABLE customers',
  ],
});
