import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
import { AnswerPageQuery, AnswerRepository, MAX_PROJECTS_WALKED_APART } from './answer.repository';
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
  it('Given answers of P001, of P002, for every project, and P001 answers narrowed to P002 by a draft or by a version held for later, When P001 lists them page by page, alone or among more projects than are walked apart, Then it gets its own, every project’s and the narrowed ones still in force for it, newest change first', async () => {
    const own = await published('P001 的', ['P001'], at(10));
    const other = await published('P002 的', ['P002'], at(9));
    const everyone = await published('所有项目的', null, at(8));
    const byDraft = await published('草稿收窄的', ['P001', 'P002'], at(7));
    await changedTo(byDraft, ['P002'], 'draft', at(3));
    const byHeld = await published('待生效版本收窄的', ['P001', 'P002'], at(6));
    await changedTo(byHeld, ['P002'], 'held', at(2));
    const widened = await published('P002 扩到 P001 的草稿', ['P002'], at(5));
    await changedTo(widened, ['P001', 'P002'], 'draft', at(1));

    const manyProjects = ['P001', ...Array.from({ length: MAX_PROJECTS_WALKED_APART }, (_, i) => `P9${i}`)];
    for (const projects of [['P001'], manyProjects]) {
      const listed: string[] = [];
      let after: AnswerPageQuery['after'];
      for (;;) {
        const page = await answers.page(db.dataSource.manager, { projects, limit: 2, ...(after ? { after } : {}) });
        listed.push(...page.map((a) => a.id));
        const last = page[page.length - 1];
        if (page.length < 2 || !last) break;
        after = { updatedAt: last.updatedAt.toISOString(), id: last.id };
      }

      expect({ projects, listed }).toEqual({ projects, listed: [widened, byHeld, byDraft, everyone, own] });
      expect(listed).not.toContain(other);
    }
  });

  it.each([
    ['the first page', { limit: 51 }],
    ['a later page', { limit: 51, after: { updatedAt: '2026-10-10T09:30:00.000Z', id: randomUUID() } }],
    ['the drafts of an item', { limit: 51, status: 'draft', itemCode: 'consultation.property_service' }],
  ])('Given a user limited to projects listing %s, Then each of their projects and those for every project are walked newest change first by their index and merged, each answer read by its id and its version in force looked up by it, never every answer walked', async (_, query) => {
    for (const projects of [['P001'], ['P001', 'P002']]) {
      const { db: recording, statements } = recordingQueries(db.dataSource);
      await answers.page(recording, { projects, ...query });
      const [statement] = statements;
      if (!statement) throw new Error('no statement');
      // A service's connection prepares the statement and may run it by its generic plan (ADR 0045).
      for (const generic of [false, true]) {
        const plan = await planWithoutSequentialScans(db.dataSource, statement, { generic, withoutSorts: true });
        expect({ generic, plan }).toEqual({ generic, plan: expect.stringMatching(/Merge Append/) });
        expect({ generic, plan }).toEqual({ generic, plan: expect.not.stringMatching(/-> {2}Sort\n|answers_updated/) });
        const reads = (table: string) => plan.split('\n').flatMap((line, i, lines) => (new RegExp(` on ${table}( \\w+)?$`).test(line) ? [`${line.trim()} / ${lines[i + 1]?.trim()}`] : []));
        expect(reads('answers_by_project').length).toBe(projects.length + 1);
        for (const read of reads('answers_by_project')) expect({ generic, read }).toEqual({ generic, read: expect.stringMatching(/using (answers_by_project_updated .* \/ Index Cond: \(\(?project = |answers_for_every_project_updated )/) });
        for (const read of reads('answers')) expect({ generic, read }).toEqual({ generic, read: expect.stringMatching(/using answers_pkey .* \/ Index Cond: \(id = l(_\d+)?\.answer_id\)$/) });
        expect(reads('answer_search').length).toBeGreaterThan(0);
        for (const read of reads('answer_search')) expect({ generic, read }).toEqual({ generic, read: expect.stringMatching(/ \/ Index Cond: \(answer_id = answers(_\d+)?\.id\)$/) });
      }
    }
  });

  it('Given a user of more projects than are walked apart, When they list a page, Then every answer is walked newest change first by answers_updated in one walk, not a branch per project planned and started for each page', async () => {
    const projects = Array.from({ length: MAX_PROJECTS_WALKED_APART + 1 }, (_, i) => `P${100 + i}`);
    for (const query of [{ limit: 51 }, { limit: 51, after: { updatedAt: '2026-10-10T09:30:00.000Z', id: randomUUID() } }]) {
      const { db: recording, statements } = recordingQueries(db.dataSource);
      await answers.page(recording, { projects, ...query });
      const [statement] = statements;
      if (!statement) throw new Error('no statement');
      for (const generic of [false, true]) {
        const plan = await planWithoutSequentialScans(db.dataSource, statement, { generic, withoutSorts: true });
        expect({ generic, plan }).toEqual({ generic, plan: expect.stringMatching(/Index Scan using answers_updated on answers\n/) });
        expect({ generic, plan }).toEqual({ generic, plan: expect.not.stringMatching(/answers_by_project|Merge Append/) });
      }
    }
  });

  it('Given 2,000 answers of other projects and none for every project, When a user of a project with none of them lists the first and a later page, Then each page reads a handful of buffers, not every answer', async () => {
    const sparse = await throwawaySchema('knowledge_answer_list_sparse', MIGRATIONS);
    try {
    await sparse.dataSource.query(
      `INSERT INTO answers (id, status, content, projects, published_version, contributors, created_by, created_at, updated_at, row_version)
       SELECT gen_random_uuid(), 'published', jsonb_build_object('title', 't', 'questions', '[]'::jsonb, 'body', 'b', 'tags', '[]'::jsonb, 'projects', jsonb_build_array('P1' || i % 20)),
              ARRAY['P1' || i % 20], 1, '{}', 'agent-wang', now(), now() - i * interval '1 minute', 3
         FROM generate_series(1, 2000) i`,
    );
    await sparse.dataSource.query('ANALYZE answers, answers_by_project');
    for (const after of [undefined, { updatedAt: new Date(Date.now() - 60 * 60_000).toISOString(), id: randomUUID() }]) {
      const { db: recording, statements } = recordingQueries(sparse.dataSource);
      expect(await answers.page(recording, { projects: ['P900'], limit: 51, ...(after ? { after } : {}) })).toEqual([]);
      const [statement] = statements;
      if (!statement) throw new Error('no statement');
      const [{ 'QUERY PLAN': plan }] = (await sparse.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.parameters)) as [{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }];
      const buffers = plan[0].Plan['Shared Hit Blocks'] + plan[0].Plan['Shared Read Blocks'];
      // Buffers, not time: the count does not vary with the machine's load.
      expect({ later: after !== undefined, buffers: buffers < 20 ? 'a handful' : buffers }).toEqual({ later: after !== undefined, buffers: 'a handful' });
    }
    } finally {
      await sparse.drop();
    }
  });
});
