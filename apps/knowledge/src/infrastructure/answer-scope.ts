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
 * SQL: the answer's version in force may be for other projects than its working copy, so only
 * this answer needs it looked up: its working copy is a draft, a submission or retired, or a
 * version of it is held for a later start (ADR 0080). A published answer with nothing held has
 * its latest approved version in force, and its working copy is that version: approving writes
 * both, and the search row, in one transaction (ADR 0146).
 */
function versionInForceMayDiffer(answers: string): string {
  return `(${answers}.status <> 'published' OR EXISTS (SELECT 1 FROM answer_search_scheduled held WHERE held.answer_id = ${answers}.id))`;
}

/**
 * The answers (the table or its alias `answers`) a user limited to `projects` may read: by the
 * working copy's projects, or by those of the version in force — a draft narrowing an answer
 * takes nothing from the teams it is still in force for until it is approved. The version in
 * force is looked up per answer, and only where it may differ from the working copy, so a page
 * costs the answers it walks, not every answer's version in force (ADR 0146).
 */
export function answerReadableIn(answers: string, projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  const byDraft = projectListCondition(`${answers}.projects`, projects, params);
  const byVersionInForce = projectListCondition('s.projects', projects, params);
  const inForce = `EXISTS (SELECT 1 FROM ${answersInForceAt('now()', `${answers}.id`)} s WHERE ${byVersionInForce})`;
  return `(${byDraft} OR (${versionInForceMayDiffer(answers)} AND ${inForce}))`;
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
