import { Pool } from 'pg';
import { CORPUS, CUSTOMER_QUESTIONS } from '../../apps/knowledge/src/testing/answer-corpus';
import { call } from './copy';
import { Figure, latencyOf, round } from './figures';
import { firstSecondNote, generatorLagNote, pacedAfterFirstSecond, warmedPacedProblems } from './load';
import { TARGETS, latencyTargetText, ownTargetText } from './targets';

/** Searches running at once before a start is skipped: the service fell behind. */
const MAX_IN_FLIGHT = 50;

/** Who publishes the corpus, where. */
export interface CorpusEditors {
  readonly knowledgeUrl: string;
  /** Drafts and submits the corpus. */
  readonly author: string;
  /** Approves it. */
  readonly approver: string;
}

export interface KnowledgeSettings {
  readonly knowledgeUrl: string;
  readonly databaseUrl: string;
  /** Searches (limited to one project, as an agent desk is). */
  readonly searcher: string;
  readonly answers: number;
  readonly perSecond: number;
  readonly seconds: number;
  /** Waits until every outbox and consumer group is at 0 (the corpus's events taken in); the seconds it took, undefined if not within the wait. */
  readonly settle: () => Promise<number | undefined>;
}

/**
 * The corpus the search-quality test uses, published through the API as a knowledge editor
 * would. Published before the contacts of a run, as a centre's knowledge base: each new ticket's
 * suggestions are searched for, and with no answer published the search finds nothing and the
 * knowledge consumer's work per ticket is less than a centre's.
 */
export async function publishCorpus(s: CorpusEditors): Promise<number> {
  for (const a of CORPUS) {
    const created = await call<{ id: string }>(`${s.knowledgeUrl}/v1/answers`, s.author, {
      method: 'POST',
      body: { title: a.title, questions: a.questions, body: a.body, itemCode: a.itemCode, tags: a.tags },
    });
    if (created.status !== 201) throw new Error(`drafting an answer was answered ${created.status}`);
    await call(`${s.knowledgeUrl}/v1/answers/${created.body.id}/submit`, s.author, { method: 'POST' });
    const approved = await call(`${s.knowledgeUrl}/v1/answers/${created.body.id}/approve`, s.approver, { method: 'POST' });
    if (approved.status !== 200) throw new Error(`approving an answer was answered ${approved.status}`);
  }
  return CORPUS.length;
}

/** One draft of another project's editors for this many published answers (see `fillTo`). */
const PUBLISHED_PER_DRAFT = 10;

/**
 * Up to `total` published answers, as the search test fills its index: copies of the published
 * ones (row, version in force and search document, as the knowledge service stores them), each
 * document with filler words of its own so no two are the same, changed a minute apart going
 * back from now, to the millisecond as the service writes a change (a list's cursor holds no
 * more). Between them, one in `PUBLISHED_PER_DRAFT`, a draft of one of 20 other projects, never
 * published: not searched, and walked past by a list limited to the searcher's project.
 */
async function fillTo(pool: Pool, total: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM knowledge.answers WHERE status = 'published'`);
  const missing = total - rows[0]!.n;
  if (missing <= 0) return rows[0]!.n;
  const changedAt = (minutesAgo: string) => `date_trunc('milliseconds', now()) - (${minutesAgo}) * interval '1 minute'`;
  await pool.query(
    `WITH originals AS (
       SELECT a.content, a.projects, a.item_code, a.created_by, s.document, v.content AS published, v.approved_by,
              row_number() OVER (ORDER BY a.id) - 1 AS k, count(*) OVER () AS n
         FROM knowledge.answers a
         JOIN knowledge.answer_search s ON s.answer_id = a.id
         JOIN knowledge.answer_versions v ON v.answer_id = a.id AND v.version = s.version
        WHERE a.status = 'published'),
     copies AS MATERIALIZED (
       SELECT gen_random_uuid() AS id, ${changedAt('g + 1')} AS at, o.* FROM generate_series(0, $1 - 1) g JOIN originals o ON o.k = g % o.n),
     answers AS (
       INSERT INTO knowledge.answers (id, status, content, projects, item_code, published_version, contributors, created_by, created_at, updated_at, row_version)
       SELECT id, 'published', content, projects, item_code, 1, '{}', created_by, at, at, 1 FROM copies),
     versions AS (
       INSERT INTO knowledge.answer_versions (answer_id, version, content, approved_by, published_at)
       SELECT id, 1, published, approved_by, at FROM copies)
     INSERT INTO knowledge.answer_search (answer_id, version, document, projects, item_code)
     SELECT id, 1, document || array_to_tsvector(ARRAY['filler' || (random() * 500)::int, '词' || (random() * 500)::int]), projects, item_code FROM copies`,
    [missing],
  );
  await pool.query(
    `WITH original AS (SELECT content, item_code FROM knowledge.answers WHERE status = 'published' ORDER BY id LIMIT 1),
     drafts AS (SELECT g, ARRAY['P' || lpad((2 + g % 20)::text, 3, '0')] AS projects, ${changedAt('(g + 0.5) * $2::int')} AS at FROM generate_series(0, $1::int / $2::int - 1) g)
     INSERT INTO knowledge.answers (id, status, content, projects, item_code, contributors, created_by, created_at, updated_at, row_version)
     SELECT gen_random_uuid(), 'draft', jsonb_set(o.content, '{projects}', to_jsonb(d.projects)), d.projects, o.item_code, ARRAY['bench-author'], 'bench-author', d.at, d.at, 1
       FROM drafts d CROSS JOIN original o`,
    [missing, PUBLISHED_PER_DRAFT],
  );
  // Vacuumed as autovacuum would soon after such a load: otherwise it runs during the searches, and
  // the first scans of the new rows write their hint bits.
  await pool.query('VACUUM ANALYZE knowledge.answers, knowledge.answer_versions, knowledge.answer_search');
  return total;
}

/**
 * `GET /v1/answers/search` over `answers` published answers, asked the ways customers really
 * ask (the search-quality test's phrasings: synonyms, traditional characters, pinyin, building
 * numbers) at a steady rate, by an agent limited to one project. The corpus it copies is the one
 * the run published before its contacts (`publishCorpus`).
 */
export async function knowledgeSearch(s: KnowledgeSettings): Promise<Figure> {
  const pool = new Pool({ connectionString: s.databaseUrl, max: 1 });
  let published: number;
  try {
    published = await fillTo(pool, s.answers);
  } finally {
    await pool.end();
  }
  const waited = await s.settle();
  const warmed = await pacedAfterFirstSecond(s.perSecond, s.seconds, MAX_IN_FLIGHT, async (i) => {
    const [question] = CUSTOMER_QUESTIONS[i % CUSTOMER_QUESTIONS.length]!;
    return (await call(`${s.knowledgeUrl}/v1/answers/search?q=${encodeURIComponent(question)}&limit=10`, s.searcher)).status === 200;
  });
  const searched = warmed.measured;
  const latency = latencyOf(searched.latencies);
  const problems = warmedPacedProblems(warmed, MAX_IN_FLIGHT);
  return {
    name: `knowledge search at ${s.perSecond}/s, ${published} published answers`,
    rate: round(searched.latencies.length / s.seconds),
    unit: 'searches/s',
    latencyMs: latency,
    target: latencyTargetText('p95', TARGETS.knowledgeP95Ms),
    met: problems.length === 0 && (latency.p95 ?? Number.POSITIVE_INFINITY) < TARGETS.knowledgeP95Ms,
    note: [
      `${CUSTOMER_QUESTIONS.length} phrasings in turn`,
      waited === undefined ? 'the events before it were still being taken in' : `after every consumer took in the events before it (${waited} s)`,
      firstSecondNote(warmed.firstSecond),
      generatorLagNote(warmed),
      ...problems,
    ].join('; '),
  };
}

export interface AnswerListSettings {
  readonly knowledgeUrl: string;
  /** Lists (limited to one project, as an agent desk is). */
  readonly reader: string;
  readonly answers: number;
  readonly perSecond: number;
  readonly seconds: number;
}

/** The list's bound as its row says it: the search's, which the issue does not set for the list. */
export const answerListTarget = (): string => ownTargetText(latencyTargetText('p95', TARGETS.answerListP95Ms), "the search's");

/** The pages of the list asked in turn: the first and those after it, by their cursors. */
const LIST_PAGES = 5;
const LIST_PAGE_SIZE = 50;

/**
 * `GET /v1/answers`, most recently changed first, at a steady rate by a reader limited to one
 * project, over the corpus the search ran on (`knowledgeSearch` filled it): its first
 * `LIST_PAGES` pages in turn, each by the cursor the page before gave, walked once beforehand.
 */
export async function answerList(s: AnswerListSettings): Promise<Figure> {
  const pages: string[] = [];
  let cursor: string | undefined;
  for (let k = 0; k < LIST_PAGES; k++) {
    const url = `${s.knowledgeUrl}/v1/answers?limit=${LIST_PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call<{ nextCursor?: string }>(url, s.reader);
    if (page.status !== 200) throw new Error(`listing answers was answered ${page.status}`);
    pages.push(url);
    cursor = page.body.nextCursor;
    if (cursor === undefined) break;
  }
  const warmed = await pacedAfterFirstSecond(s.perSecond, s.seconds, MAX_IN_FLIGHT, async (i) => (await call(pages[i % pages.length]!, s.reader)).status === 200);
  const listed = warmed.measured;
  const latency = latencyOf(listed.latencies);
  const problems = warmedPacedProblems(warmed, MAX_IN_FLIGHT);
  return {
    name: `answer list at ${s.perSecond}/s, one project's reader, ${s.answers} published answers and ${Math.floor(s.answers / PUBLISHED_PER_DRAFT)} drafts of others`,
    rate: round(listed.latencies.length / s.seconds),
    unit: 'pages/s',
    latencyMs: latency,
    target: answerListTarget(),
    met: problems.length === 0 && (latency.p95 ?? Number.POSITIVE_INFINITY) < TARGETS.answerListP95Ms,
    note: [`its first ${pages.length} pages of ${LIST_PAGE_SIZE} in turn`, firstSecondNote(warmed.firstSecond), generatorLagNote(warmed), ...problems].join('; '),
  };
}
