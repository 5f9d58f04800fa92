import { sqlMigration } from '@cs/persistence';

/**
 * 统一答复 — unified answers: the working copy each author edits, the immutable versions a
 * supervisor published, and the search document of the version in force. Search lexemes are
 * made in the service (segmentation, synonyms, pinyin, n-grams) and stored with the `simple`
 * configuration, so Postgres only matches and ranks them through a GIN index.
 */
export const UnifiedAnswers1764800000000 = sqlMigration('UnifiedAnswers1764800000000', {
  up: [
    `
    CREATE TABLE answers (
      id                 uuid PRIMARY KEY,
      status             text NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'retired')),
      content            jsonb NOT NULL,
      projects           text[],
      item_code          text,
      published_version  integer,
      contributors       text[] NOT NULL,
      rejection          jsonb,
      created_by         text NOT NULL,
      created_at         timestamptz NOT NULL,
      updated_at         timestamptz NOT NULL,
      row_version        integer NOT NULL
    )`,
    'CREATE INDEX answers_updated ON answers (updated_at DESC, id DESC)',
    `
    CREATE TABLE answer_versions (
      answer_id    uuid NOT NULL REFERENCES answers (id),
      version      integer NOT NULL,
      content      jsonb NOT NULL,
      approved_by  text NOT NULL,
      published_at timestamptz NOT NULL,
      PRIMARY KEY (answer_id, version)
    )`,
    `
    CREATE TABLE answer_search (
      answer_id      uuid PRIMARY KEY REFERENCES answers (id),
      version        integer NOT NULL,
      document       tsvector NOT NULL,
      projects       text[],
      item_code      text,
      effective_from timestamptz,
      effective_to   timestamptz,
      helped         integer NOT NULL DEFAULT 0,
      not_helped     integer NOT NULL DEFAULT 0,
      used           integer NOT NULL DEFAULT 0
    )`,
    'CREATE INDEX answer_search_document ON answer_search USING gin (document)',
    `
    CREATE TABLE synonym_groups (
      id         uuid PRIMARY KEY,
      terms      text[] NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    // The groups customers and staff use for the same thing; an admin edits them from here.
    `INSERT INTO synonym_groups (id, terms, updated_by, updated_at) VALUES
      ('5e0a7d4e-0000-4000-8000-000000000001', ARRAY['物业费', '管理费', '物业管理费'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000002', ARRAY['车位', '停车位'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000003', ARRAY['房产证', '产权证', '不动产证', '不动产权证'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000004', ARRAY['交房', '收房', '收楼'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000005', ARRAY['维修基金', '维修资金', '专项维修资金'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000006', ARRAY['暖气', '供暖', '采暖'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000007', ARRAY['押金', '保证金'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000008', ARRAY['装修押金', '装修保证金'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-000000000009', ARRAY['渗水', '渗漏', '漏水'], 'system', now()),
      ('5e0a7d4e-0000-4000-8000-00000000000a', ARRAY['门禁卡', '门卡', '门禁'], 'system', now())`,
    `
    CREATE TABLE answer_feedback (
      answer_id  uuid NOT NULL,
      version    integer NOT NULL,
      used       integer NOT NULL DEFAULT 0,
      helped     integer NOT NULL DEFAULT 0,
      not_helped integer NOT NULL DEFAULT 0,
      PRIMARY KEY (answer_id, version)
    )`,
    `
    CREATE TABLE ticket_suggestions (
      ticket_id    text PRIMARY KEY,
      project_code text,
      item_code    text,
      section_code text,
      demand       text,
      suggestions  jsonb NOT NULL,
      cited_answer text,
      computed_at  timestamptz NOT NULL
    )`,
    `
    CREATE TABLE knowledge_gaps (
      id              uuid PRIMARY KEY,
      source          text NOT NULL CHECK (source IN ('consultation', 'search')),
      status          text NOT NULL CHECK (status IN ('open', 'drafted')),
      item_code       text,
      project_code    text,
      tokens          text[] NOT NULL,
      sample          text NOT NULL,
      occurrences     integer NOT NULL,
      ticket_ids      text[] NOT NULL,
      draft_answer_id uuid,
      opened_at       timestamptz NOT NULL,
      last_seen_at    timestamptz NOT NULL
    )`,
    'CREATE INDEX knowledge_gaps_open ON knowledge_gaps (item_code, last_seen_at DESC) WHERE status = \'open\'',
  ],
  down: [
    'DROP TABLE knowledge_gaps',
    'DROP TABLE ticket_suggestions',
    'DROP TABLE answer_feedback',
    'DROP TABLE synonym_groups',
    'DROP TABLE answer_search',
    'DROP TABLE answer_versions',
    'DROP TABLE answers',
  ],
});
