import { answersInForceAt } from './answers-in-force';

/**
 * The SQL condition keeping rows with a list of projects (answers, gaps) a user limited to
 * `projects` may see: those for every project (NULL) and those naming one of theirs. Undefined:
 * the user sees every project.
 */
export function projectListCondition(column: string, projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  params.push([...projects]);
  return `(${column} IS NULL OR ${column} && $${params.length}::text[])`;
}

/**
 * The answers (the table or its alias `answers`) a user limited to `projects` may read: by the
 * working copy's projects, or by those of the version in force — a draft narrowing an answer
 * takes nothing from the teams it is still in force for until it is approved.
 */
export function answerReadableIn(answers: string, projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  const byDraft = projectListCondition(`${answers}.projects`, projects, params);
  const byVersionInForce = projectListCondition('s.projects', projects, params);
  return `(${byDraft} OR EXISTS (SELECT 1 FROM ${answersInForceAt('now()')} s WHERE s.answer_id = ${answers}.id AND ${byVersionInForce}))`;
}

/**
 * The published versions (their `content` jsonb) a user limited to `projects` may read: each by
 * its own projects, as answerVisibleTo reads them, so a page is cut after the filter.
 */
export function versionReadableIn(content: string, projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  params.push([...projects]);
  return `(jsonb_typeof(${content}->'projects') IS DISTINCT FROM 'array' OR jsonb_exists_any(${content}->'projects', $${params.length}::text[]))`;
}
