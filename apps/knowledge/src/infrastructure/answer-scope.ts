/**
 * The SQL condition keeping answers a user limited to `projects` may see: those for every
 * project (NULL) and those naming one of theirs. Undefined: the user sees every project.
 */
export function answerProjectCondition(column: string, projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  params.push([...projects]);
  return `(${column} IS NULL OR ${column} && $${params.length}::text[])`;
}
