import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { GapProjects1765700000000 } from './1765700000000-gap-projects';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('knowledge_gap_projects', MIGRATIONS.filter((m) => m !== GapProjects1765700000000));
});

afterAll(async () => {
  await db?.drop();
});

async function gapOf(projectCode: string | null): Promise<string> {
  const id = randomUUID();
  await db.dataSource.query(
    `INSERT INTO knowledge_gaps (id, source, status, item_code, project_code, tokens, sample, occurrences, ticket_ids, opened_at, last_seen_at)
     VALUES ($1, 'search', 'open', 'consultation.other', $2, '{游泳池}', '游泳池几点开放', 1, '{}', now(), now())`,
    [id, projectCode],
  );
  return id;
}

describe('migration 1765700000000 (a gap keeps the projects it was asked in)', () => {
  it('given a gap of one project and one of every project, then the first is of that project and the other stays of every project', async () => {
    const one = await gapOf('P001');
    const every = await gapOf(null);
    await applyMigration(db, GapProjects1765700000000);
    const rows = (await db.dataSource.query('SELECT id::text, projects FROM knowledge_gaps')) as { id: string; projects: string[] | null }[];
    const projects = new Map(rows.map((r) => [r.id, r.projects]));
    expect([projects.get(one), projects.get(every)]).toEqual([['P001'], null]);
  });
});
