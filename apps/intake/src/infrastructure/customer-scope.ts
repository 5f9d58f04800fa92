/**
 * SQL: the customer whose id is in the column `customerId` is one a user limited to the projects
 * in `projects` (a text[] placeholder) may see — one with a unit there, or with none yet — as
 * `customerVisibleIn` reads a loaded record (ADR 0006).
 */
export function customerInProjects(customerId: string, projects: string): string {
  return `(NOT EXISTS (SELECT 1 FROM customer_units u WHERE u.customer_id = ${customerId})
           OR EXISTS (SELECT 1 FROM customer_units u WHERE u.customer_id = ${customerId} AND u.project_code = ANY(${projects})))`;
}
