import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
import { AnswerPageQuery, AnswerRepository } from './answer.repository';
import { MIGRATIONS } from './migrations';

let db: ThrowawaySchema;
const answers = new AnswerRepository();

beforeAll(async () => {
  db = await throwawaySchema('knowledge_answer_list', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

type Projects = string[] | null;

/** An answer as approving writes it: its working copy, its version 1 and the search row of that version in force. */
async function published(title: string, projects: Projects, updatedAt: Date): Promise<string> {
  const id = randomUUID();
  const content = JSON.stringify({ title, questions: [title], body: title, tags: [], projects });
  await db.dataSource.query(
    `INSERT INTO answers (id, status, content, projects, published_version, contributors, created_by, created_at, updated_at, row_version)
     VALUES ($1, 'published', $2::jsonb, $3, 1, '{}', 'agent-wang', $4, $4, 3)`,
    [id, content, projects, updatedAt],
  );
  await db.dataSource.query(`INSERT INTO answer_versions (answer_id, version, content, approved_by, published_at) VALUES ($1, 1, $2::jsonb, 'sup-li', $3)`, [id, content, updatedAt]);
  await db.dataSource.query(`INSERT INTO answer_search (answer_id, version, document, projects) VALUES ($1, 1, to_tsvector('simple', $2), $3)`, [id, title, projects]);
  return id;
}

/** The working copy edited (a draft) or approved (a version 2 held to start in a week) for `projects`; version 1 stays in force. */
async function changedTo(id: string, projects: Projects, how: 'draft' | 'held', updatedAt: Date): Promise<void> {
  await db.dataSource.query(
    `UPDATE answers SET status = $2, projects = $3, content = jsonb_set(content, '{projects}', coalesce(to_jsonb($3::text[]), 'null'::jsonb)),
       published_version = CASE WHEN $2 = 'published' THEN 2 ELSE published_version END, updated_at = $4 WHERE id = $1`,
    [id, how === 'draft' ? 'draft' : 'published', projects, updatedAt],
  );
  if (how === 'held') {
    await db.dataSource.query(
      `INSERT INTO answer_search_scheduled (answer_id, version, document, projects, effective_from) VALUES ($1, 2, to_tsvector('simple', 'v2'), $2, now() + interval '7 days')`,
      [id, projects],
    );
  }
}

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);

describe('the list of answers', () => {
  it('Given answers of P001, of P002, for every project, and P001 answers narrowed to P002 by a draft or by a version held for later, When P001 lists them page by page, Then it gets its own, every project’s and the narrowed ones still in force for it, newest change first', async () => {
    const own = await published('P001 的', ['P001'], at(10));
    const other = await published('P002 的', ['P002'], at(9));
    const everyone = await published('所有项目的', null, at(8));
    const byDraft = await published('草稿收窄的', ['P001', 'P002'], at(7));
    await changedTo(byDraft, ['P002'], 'draft', at(3));
    const byHeld = await published('待生效版本收窄的', ['P001', 'P002'], at(6));
    await changedTo(byHeld, ['P002'], 'held', at(2));
    const widened = await published('P002 扩到 P001 的草稿', ['P002'], at(5));
    await changedTo(widened, ['P001', 'P002'], 'draft', at(1));

    const listed: string[] = [];
    let after: AnswerPageQuery['after'];
    for (;;) {
      const page = await answers.page(db.dataSource.manager, { projects: ['P001'], limit: 2, ...(after ? { after } : {}) });
      listed.push(...page.map((a) => a.id));
      const last = page[page.length - 1];
      if (page.length < 2 || !last) break;
      after = { updatedAt: last.updatedAt.toISOString(), id: last.id };
    }

    expect(listed).toEqual([widened, byHeld, byDraft, everyone, own]);
    expect(listed).not.toContain(other);
  });

  it.each([
    ['the first page', { limit: 51 }],
    ['a later page', { limit: 51, after: { updatedAt: '2026-10-10T09:30:00.000Z', id: randomUUID() } }],
    ['the drafts of an item', { limit: 51, status: 'draft', itemCode: 'consultation.property_service' }],
  ])('Given a user limited to projects listing %s, Then answers are walked newest change first by their index and each one’s version in force is looked up by its id, not every version in force read for the page', async (_, query) => {
    for (const projects of [['P001'], ['P001', 'P002']]) {
      const { db: recording, statements } = recordingQueries(db.dataSource);
      await answers.page(recording, { projects, ...query });
      const [statement] = statements;
      if (!statement) throw new Error('no statement');
      // A service's connection prepares the statement and may run it by its generic plan (ADR 0045).
      for (const generic of [false, true]) {
        const plan = await planWithoutSequentialScans(db.dataSource, statement, { generic, withoutSorts: true });
        expect({ generic, plan }).toEqual({ generic, plan: expect.stringMatching(/Index Scan using answers_updated on answers\n/) });
        expect({ generic, plan }).toEqual({ generic, plan: expect.not.stringMatching(/Sort/) });
        const searchRowReads = plan.split('\n').flatMap((line, i, lines) => (/ on answer_search( \w+)?$/.test(line) ? [`${line.trim()} / ${lines[i + 1]?.trim()}`] : []));
        expect(searchRowReads.length).toBeGreaterThan(0);
        for (const read of searchRowReads) expect({ generic, read }).toEqual({ generic, read: expect.stringMatching(/ \/ Index Cond: \(answer_id = answers\.id\)$/) });
      }
    }
  });
});
