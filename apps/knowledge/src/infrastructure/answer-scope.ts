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
