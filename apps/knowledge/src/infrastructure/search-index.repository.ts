import { TSchema, Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, selectRows } from '@cs/persistence';
import { presentProps } from '@cs/ddd';
import { changesCounts, type FeedbackCounts, type Verdict } from '../domain/feedback';
import { projectListCondition } from './answer-scope';
import { answersInForceAt } from './answers-in-force';
import { DICTIONARY_VERSION } from './synonym.repository';

const VersionInForceRow = Type.Object({ answer_id: Type.String(), version: Type.Integer() });
const AnswerIdRow = Type.Object({ answer_id: Type.String() });
const ProjectsRow = Type.Object({ projects: Nullable(Type.Array(Type.String())) });
const PriorVerdictRow = Type.Object({ version: Type.Integer(), verdict: Type.Union([Type.Literal('helped'), Type.Literal('not_helped')]) });

export interface GivenVerdict {
  readonly answerId: string;
  readonly version: number;
  readonly userSub: string;
  readonly verdict: Verdict;
}

/** What a user's verdict replaced: on the version given, and their latest on the answer. */
export interface PriorVerdicts {
  readonly onVersion?: Verdict;
  readonly onAnswer?: Verdict;
}

/** Terms of one answer version by where they occur; the weights rank a title match above a body match. */
export interface WeightedTerms {
  /** Title and question phrasings. */
  readonly a: readonly string[];
  /** Tags and catalogue item. */
  readonly b: readonly string[];
  /** Body. */
  readonly c: readonly string[];
  /** Pinyin and initials of the title, questions and tags. */
  readonly d: readonly string[];
}

export interface IndexedAnswer {
  readonly answerId: string;
  readonly version: number;
  readonly terms: WeightedTerms;
  readonly projects: readonly string[] | null;
  readonly itemCode?: string;
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
}

export interface IndexQuery {
  /** Exact lexemes, and Latin ones (pinyin, English) matched as prefixes. */
  readonly terms: readonly string[];
  readonly prefixes: readonly string[];
  readonly projects: readonly string[] | undefined;
  /** Only this item's answers. */
  readonly itemCode?: string;
  /** Answers of this item rank higher, others still come. */
  readonly preferItemCode?: string;
  readonly at: Date;
  readonly limit: number;
}

export interface IndexHit {
  readonly answerId: string;
  readonly version: number;
  readonly score: number;
}

const orNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A hit, or the one row of a search without hits: the synonym dictionary's version either way. */
const HitRow = Type.Object({ dictionary: Type.String(), answer_id: orNull(Type.String()), version: orNull(Type.Integer()), score: orNull(Type.Number()) });

export interface IndexHits {
  readonly hits: IndexHit[];
  /**
   * The synonym groups' version in the statement's snapshot: a query expanded with groups of
   * another version is searched again (ADR 0051). Absent when nothing was searched.
   */
  readonly dictionaryVersion?: bigint;
}

const MAX_POSITION = 16_383;
/** Postgres refuses a longer lexeme ("word is too long"); a run of letters that long (a signed URL, a token) is not searched for anyway. */
const MAX_LEXEME_BYTES = 2_046;
const searchable = (lexeme: string) => lexeme.length > 0 && Buffer.byteLength(lexeme, 'utf8') <= MAX_LEXEME_BYTES;
/** SQL: the indexed version is in its effective period at the instant in the placeholder `at`. */
const inEffectivePeriod = (at: string) => `(effective_from IS NULL OR effective_from <= ${at}) AND (effective_to IS NULL OR effective_to > ${at})`;

/**
 * The document as a tsvector literal: each term at its own position with its weight, so ts_rank
 * counts how often and where (title or body) a term occurs. Built here rather than by
 * to_tsvector, whose parser would split the segmenter's words again.
 */
export function tsVectorOf(terms: WeightedTerms): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [weight, list] of [['A', terms.a], ['B', terms.b], ['C', terms.c], ['D', terms.d]] as const) {
    for (const term of list) {
      const clean = term.replace(/['\\\s]/g, '');
      if (!searchable(clean)) continue;
      position = Math.min(position + 1, MAX_POSITION);
      positions.set(clean, [...(positions.get(clean) ?? []), `${position}${weight}`]);
    }
  }
  return [...positions].map(([term, at]) => `'${term}':${at.join(',')}`).join(' ');
}

/** Lexemes are passed as-is: quoted, so `::tsquery` neither parses nor stems them; one left empty (a synonym of punctuation kept from before) is no lexeme. */
function lexemes(terms: readonly string[], prefix: boolean): string[] {
  return terms.map((t) => t.replace(/['\\]/g, '')).filter(searchable).map((t) => `'${t}'${prefix ? ':*' : ''}`);
}

export function tsQueryOf(terms: readonly string[], prefixes: readonly string[]): string {
  return [...lexemes(terms, false), ...lexemes(prefixes, true)].join(' | ');
}

/** The search document of the version in force of each published answer, and its feedback counts. */
export class SearchIndexRepository {
  private async upsert(tx: EntityManager, answer: IndexedAnswer): Promise<void> {
    await execute(
      tx,
      `INSERT INTO answer_search (answer_id, version, document, projects, item_code, effective_from, effective_to)
       VALUES ($1, $2, $3::tsvector, $4, $5, $6, $7)
       ON CONFLICT (answer_id) DO UPDATE SET version = excluded.version, document = excluded.document, projects = excluded.projects,
         item_code = excluded.item_code, effective_from = excluded.effective_from, effective_to = excluded.effective_to`,
      [answer.answerId, answer.version, tsVectorOf(answer.terms), answer.projects, answer.itemCode ?? null, answer.effectiveFrom ?? null, answer.effectiveTo ?? null],
    );
  }

  /**
   * Indexes a version just approved. One starting later is held until its start while a version
   * of the answer indexed or held comes before it — in force now, or itself approved to start
   * later but sooner (a first version starting 1 January, when one starting 1 February is
   * approved in December) — and has not ended: that one stays searched until the later start (ADR 0080).
   * Otherwise it replaces the indexed version at once. Either way it supersedes the versions held
   * for a start at or after its own: the latest approval is what the company means from its start on.
   */
  async publish(tx: EntityManager, answer: IndexedAnswer, now: Date): Promise<void> {
    const from = answer.effectiveFrom === undefined ? undefined : new Date(answer.effectiveFrom);
    const startsLater = from !== undefined && from > now;
    const startsAt = startsLater ? from : now;
    await execute(tx, 'DELETE FROM answer_search_scheduled WHERE answer_id = $1 AND effective_from >= $2', [answer.answerId, startsAt]);
    if (startsLater && (await this.indexedBefore(tx, answer.answerId, startsAt, now))) {
      await execute(
        tx,
        `INSERT INTO answer_search_scheduled (answer_id, version, document, projects, item_code, effective_from, effective_to)
         VALUES ($1, $2, $3::tsvector, $4, $5, $6, $7)`,
        [answer.answerId, answer.version, tsVectorOf(answer.terms), answer.projects, answer.itemCode ?? null, startsAt, answer.effectiveTo ?? null],
      );
      return;
    }
    await this.upsert(tx, answer);
  }

  /**
   * Whether a version of the answer indexed or held starts before `start` and has not ended at
   * `now`. A held one counts as the indexed one does: one whose start has come is in force though
   * the loop has not yet moved it into the index (`answersInForceAt`), and one still to start is
   * to be in force from then; indexed over it, the version approved now would shadow it (a held
   * version older than the indexed one is never in force).
   */
  private async indexedBefore(tx: EntityManager, answerId: string, start: Date, now: Date): Promise<boolean> {
    const before = '(effective_from IS NULL OR effective_from < $2) AND (effective_to IS NULL OR effective_to > $3)';
    const rows = await selectRows(
      tx,
      AnswerIdRow,
      `SELECT answer_id::text FROM answer_search WHERE answer_id = $1 AND ${before}
       UNION ALL
       SELECT answer_id::text FROM answer_search_scheduled WHERE answer_id = $1 AND ${before}
       LIMIT 1`,
      [answerId, start, now],
    );
    return rows.length > 0;
  }

  /**
   * Puts in force the held versions whose start has come, up to `limit` (skipping those another
   * replica is putting in force): the latest of an answer's replaces its version in force, never
   * with an older one. Returns the answers whose version in force changed.
   */
  async promoteDue(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      tx,
      AnswerIdRow,
      `WITH due AS (
         SELECT answer_id, version FROM answer_search_scheduled WHERE effective_from <= $1
          ORDER BY effective_from, answer_id, version LIMIT $2 FOR UPDATE SKIP LOCKED
       ), held AS (
         DELETE FROM answer_search_scheduled s USING due WHERE s.answer_id = due.answer_id AND s.version = due.version
         RETURNING s.answer_id, s.version, s.document, s.projects, s.item_code, s.effective_from, s.effective_to
       ), latest AS (
         SELECT DISTINCT ON (answer_id) * FROM held ORDER BY answer_id, version DESC
       )
       INSERT INTO answer_search (answer_id, version, document, projects, item_code, effective_from, effective_to)
       SELECT answer_id, version, document, projects, item_code, effective_from, effective_to FROM latest
       ON CONFLICT (answer_id) DO UPDATE SET version = excluded.version, document = excluded.document, projects = excluded.projects,
         item_code = excluded.item_code, effective_from = excluded.effective_from, effective_to = excluded.effective_to
         WHERE answer_search.version < excluded.version
       RETURNING answer_id::text`,
      [now, limit],
    );
    return rows.map((r) => r.answer_id);
  }

  /**
   * The projects of each version of the answer searched or held to be (null: every project): the
   * customers a retirement takes it from, or a new version replaces it for, whichever is in force.
   */
  async projectsReached(db: Queryable, answerId: string): Promise<(readonly string[] | null)[]> {
    const rows = await selectRows(
      db,
      ProjectsRow,
      'SELECT projects FROM answer_search WHERE answer_id = $1 UNION ALL SELECT projects FROM answer_search_scheduled WHERE answer_id = $1',
      [answerId],
    );
    return rows.map((r) => r.projects);
  }

  async remove(tx: EntityManager, answerId: string): Promise<void> {
    await execute(tx, 'DELETE FROM answer_search_scheduled WHERE answer_id = $1', [answerId]);
    await execute(tx, 'DELETE FROM answer_search WHERE answer_id = $1', [answerId]);
  }

  /**
   * Best first: ts_rank over the weighted document (title and phrasings count most), nudged by
   * how often agents said the answer helped or did not, and by the ticket's catalogue item.
   */
  async search(db: Queryable, query: IndexQuery): Promise<IndexHits> {
    const tsQuery = tsQueryOf(query.terms, query.prefixes);
    if (tsQuery === '') return { hits: [] };
    const params: unknown[] = [tsQuery, query.at, query.limit];
    // The query is cast where it is matched, not in a FROM item: a prepared statement gone generic
    // (ADR 0045) then still matches it by the documents' index in each branch of the versions in
    // force; joined from a FROM item, it could reach no branch, and every document was read.
    const q = 'CAST($1 AS tsquery)';
    const where = [
      `document @@ ${q}`,
      inEffectivePeriod('$2'),
      projectListCondition('projects', query.projects, params),
    ];
    if (query.itemCode) where.push(`item_code = $${params.push(query.itemCode)}`);
    const itemBoost = query.preferItemCode ? `(CASE WHEN item_code = $${params.push(query.preferItemCode)} THEN 1.3 ELSE 1 END)` : '1';
    // The dictionary's version comes with the hits, in their snapshot and without a round trip of its own.
    const rows = await selectRows(
      db,
      HitRow,
      `SELECT ${DICTIONARY_VERSION} AS dictionary, h.answer_id, h.version, h.score
         FROM (VALUES (1)) AS one
         LEFT JOIN (
           SELECT answer_id, version,
                  (ts_rank('{0.1, 0.3, 0.6, 1.0}', document, ${q}) * ${itemBoost}
                    * (1 + 0.1 * ln(1 + helped) - 0.1 * ln(1 + not_helped)))::float8 AS score
             FROM ${answersInForceAt('$2')} AS in_force
            WHERE ${where.join(' AND ')}
            ORDER BY score DESC, answer_id LIMIT $3
         ) h ON true
        ORDER BY h.score DESC, h.answer_id`,
      params,
    );
    const hits = rows.flatMap((r) => (r.answer_id !== null && r.version !== null && r.score !== null ? [{ answerId: r.answer_id, version: r.version, score: r.score }] : []));
    return { hits, ...(rows[0] ? { dictionaryVersion: BigInt(rows[0].dictionary) } : {}) };
  }

  /** The version in force at `at` of each published answer named: none for one outside its effective period then. */
  async versionsInForce(db: Queryable, answerIds: readonly string[], at: Date): Promise<{ answerId: string; version: number }[]> {
    if (answerIds.length === 0) return [];
    const rows = await selectRows(
      db,
      VersionInForceRow,
      `SELECT answer_id, version FROM ${answersInForceAt('$2')} AS in_force
        WHERE answer_id = ANY($1::uuid[]) AND ${inEffectivePeriod('$2')}`,
      [answerIds, at],
    );
    return rows.map((r) => ({ answerId: r.answer_id, version: r.version }));
  }

  /**
   * The user's verdict on the version, and those it replaced: on the version, and the user's latest
   * on the answer (any version), which is what the rank counts. A user's calls on one answer run one
   * after the other: two at once would each read the other's verdict as not yet given.
   */
  async giveVerdict(tx: EntityManager, given: GivenVerdict): Promise<PriorVerdicts> {
    await execute(tx, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`answer-verdict:${given.answerId}:${given.userSub}`]);
    const prior = await selectRows(tx, PriorVerdictRow, 'SELECT version, verdict FROM answer_verdicts WHERE answer_id = $1 AND user_sub = $2 ORDER BY given_at DESC, version DESC', [
      given.answerId,
      given.userSub,
    ]);
    await execute(
      tx,
      // The clock as the lock is held, so the latest verdict is the one given last.
      `INSERT INTO answer_verdicts (answer_id, version, user_sub, verdict, given_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (answer_id, version, user_sub) DO UPDATE SET verdict = excluded.verdict, given_at = excluded.given_at`,
      [given.answerId, given.version, given.userSub, given.verdict],
    );
    return presentProps({ onVersion: prior.find((p) => p.version === given.version)?.verdict, onAnswer: prior[0]?.verdict });
  }

  /** Adds to the version's counts, and to the answer's, which rank it. */
  async addFeedback(tx: EntityManager, answerId: string, version: number, delta: { onVersion: FeedbackCounts; onAnswer: FeedbackCounts }): Promise<void> {
    if (changesCounts(delta.onVersion)) {
      await execute(
        tx,
        `INSERT INTO answer_feedback (answer_id, version, used, helped, not_helped) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (answer_id, version) DO UPDATE SET used = answer_feedback.used + $3, helped = answer_feedback.helped + $4,
           not_helped = answer_feedback.not_helped + $5`,
        [answerId, version, ...countsOf(delta.onVersion)],
      );
    }
    if (changesCounts(delta.onAnswer)) {
      await execute(tx, 'UPDATE answer_search SET used = used + $2, helped = helped + $3, not_helped = not_helped + $4 WHERE answer_id = $1', [answerId, ...countsOf(delta.onAnswer)]);
    }
  }
}

const countsOf = (delta: FeedbackCounts): number[] => [delta.used, delta.helped, delta.not_helped];
