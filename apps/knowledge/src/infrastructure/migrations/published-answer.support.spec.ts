import { randomUUID } from 'node:crypto';
import type { ThrowawaySchema } from '@cs/testing';

/**
 * A published answer whose working copy and version 1 hold `reviewBy` as stored (absent when
 * undefined), written as the rows are, so a migration's test needs none of the service's code.
 */
export async function publishedAnswerReviewedBy(db: ThrowawaySchema, reviewBy: string | undefined): Promise<string> {
  const id = randomUUID();
  const content = JSON.stringify({ title: '物业费', questions: ['物业费怎么交'], body: '前台缴纳。', tags: [], projects: null, ...(reviewBy === undefined ? {} : { reviewBy }) });
  await db.dataSource.query(
    `INSERT INTO answers (id, status, content, published_version, contributors, created_by, created_at, updated_at, row_version)
     VALUES ($1, 'published', $2::jsonb, 1, '{}', 'agent-wang', now(), now(), 3)`,
    [id, content],
  );
  await db.dataSource.query(`INSERT INTO answer_versions (answer_id, version, content, approved_by, published_at) VALUES ($1, 1, $2::jsonb, 'sup-li', now())`, [id, content]);
  return id;
}
