import { sqlMigration } from '@cs/persistence';

export const ContactsAndCustomers1764000000000 = sqlMigration('ContactsAndCustomers1764000000000', {
  up: [
    `
    CREATE TABLE customers (
      id         uuid PRIMARY KEY,
      name       text NOT NULL,
      phone      text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `
    CREATE TABLE contacts (
      id           uuid PRIMARY KEY,
      customer_id  uuid NOT NULL REFERENCES customers (id),
      channel      text NOT NULL,
      direction    text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      occurred_at  timestamptz NOT NULL,
      recorded_by  text NOT NULL,
      project_code text,
      building     text,
      room         text,
      content      text NOT NULL,
      item_code    text,
      created_at   timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX contacts_customer_idx ON contacts (customer_id, occurred_at DESC)'
  ],
  down: ['DROP TABLE contacts', 'DROP TABLE customers'],
});
