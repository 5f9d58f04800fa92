import { CATALOGUE_SEED } from '@cs/contracts';
import { quoteLiteral, sqlMigration } from '@cs/persistence';

const sectionRows = CATALOGUE_SEED.map(
  (section, position) =>
    `(${quoteLiteral(section.code)}, ${quoteLiteral(section.label['zh-CN'])}, ${quoteLiteral(section.label.en)}, ${position}, true)`,
).join(',\n      ');

const itemRows = CATALOGUE_SEED.flatMap((section) =>
  section.items.map(
    (item, position) =>
      `(${quoteLiteral(item.code)}, ${quoteLiteral(section.code)}, ${quoteLiteral(item.label['zh-CN'])}, ` +
      `${quoteLiteral(item.label.en)}, ${position}, true)`,
  ),
).join(',\n      ');

/**
 * 业务分类 — the catalogue as data the company edits, seeded with the regulations' sections and
 * items. Rows are never deleted (tickets keep referring to their codes); `active` retires them.
 * `catalogue_version` is the whole catalogue's version: edits lock and bump it, and it is the ETag.
 */
export const Catalogue1764200000000 = sqlMigration('Catalogue1764200000000', {
  up: [
    `CREATE TABLE catalogue_sections (
       code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
       label_zh text NOT NULL,
       label_en text NOT NULL,
       position integer NOT NULL,
       active   boolean NOT NULL DEFAULT true
     )`,
    // The code's prefix is its section, so an item can never be re-filed under another one.
    `CREATE TABLE catalogue_items (
       code         text PRIMARY KEY CHECK (code ~ '^[a-z_]+\\.[a-z_]+$'),
       section_code text NOT NULL REFERENCES catalogue_sections (code),
       label_zh     text NOT NULL,
       label_en     text NOT NULL,
       position     integer NOT NULL,
       active       boolean NOT NULL DEFAULT true,
       updated_at   timestamptz NOT NULL DEFAULT now(),
       CHECK (split_part(code, '.', 1) = section_code)
     )`,
    'CREATE INDEX catalogue_items_section_idx ON catalogue_items (section_code, position)',
    `CREATE TABLE catalogue_version (
       singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       version    integer NOT NULL CHECK (version >= 1),
       changed_at timestamptz NOT NULL,
       changed_by text NOT NULL
     )`,
    `INSERT INTO catalogue_sections (code, label_zh, label_en, position, active) VALUES
      ${sectionRows}`,
    `INSERT INTO catalogue_items (code, section_code, label_zh, label_en, position, active) VALUES
      ${itemRows}`,
    `INSERT INTO catalogue_version (singleton, version, changed_at, changed_by) VALUES (true, 1, now(), 'seed')`,
  ],
  down: ['DROP TABLE catalogue_version', 'DROP TABLE catalogue_items', 'DROP TABLE catalogue_sections'],
});
