/**
 * The SQL condition that keeps rows of the given projects (undefined: every project) and rows
 * tied to no project. The codes are appended to `params`, so the condition composes with the
 * query's other placeholders; every scoped query goes through here.
 */
export function projectCondition(column: string, projects: readonly string[] | undefined, params: unknown[]): string {
  if (projects === undefined) return 'TRUE';
  params.push([...projects]);
  return `(${column} IS NULL OR ${column} = ANY($${params.length}::text[]))`;
}
