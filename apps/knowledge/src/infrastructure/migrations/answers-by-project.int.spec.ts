import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { AnswerRepository } from '../answer.repository';
import { MIGRATIONS } from '.';
import { AnswersByProject1766800000000, AnswersByProjectFilled1766805000000, AnswersByProjectIndexed1766810000000 } from './1766800000000-answers-by-project';

let db: ThrowawaySchema;
const answers = new AnswerRepository();

beforeAll(async () => {
  db = await throwawaySchema('knowledge_answers_by_project', MIGRATIONS.slice(0, MIGRATIONS.indexOf(AnswersByProject1766800000000)));
});

afterAll(async () => {
  await db?.drop();
});

/** A draft as the service writes it, for `projects` (null: every project). */
async function draft(projects: string[] | null, minutesAgo: number): Promise<string> {
  const id = randomUUID();
  const content = JSON.stringify({ title: 't', questions: [], body: 'b', tags: [], projects });
  await db.dataSource.query(
    `INSERT INTO answers (id, status, content, projects, contributors, created_by, created_at, updated_at, row_version)
     VALUES ($1, 'draft', $2::jsonb, $3, '{}', 'agent-wang', now(), now() - $4 * interval '1 minute', 1)`,
    [id, content, projects, minutesAgo],
  );
  return id;
}

describe('migrations 1766800000000 to 1766810000000 (answers listed by project)', () => {
  it('Given answers written before, When the migrations run, Then a reader of a project lists them with those written after, newest change first, and one moved to another project leaves its list', async () => {
    const before = [await draft(['P001'], 5), await draft(null, 4), await draft(['P002'], 3)];
    await applyMigration(db, AnswersByProject1766800000000);
    await applyMigration(db, AnswersByProjectFilled1766805000000);
    await applyMigration(db, AnswersByProjectIndexed1766810000000);
    const after = await draft(['P001', 'P002'], 2);
    await db.dataSource.query(`UPDATE answers SET projects = '{P002}', updated_at = now() WHERE id = $1`, [before[0]]);

    const listed = async (projects: string[]) => (await answers.page(db.dataSource.manager, { projects, limit: 10 })).map((a) => a.id);
    expect(await listed(['P001'])).toEqual([after, before[1]]);
    expect(await listed(['P002'])).toEqual([before[0], after, before[2], before[1]]);
  });
});
