import { projectCondition } from '@cs/persistence';
import type { Reader } from '../domain/audience';

/**
 * `audienceIncludes` of the domain as a SQL condition over a `notifications` row, so the inbox
 * filters and pages in the database. The two are held to the same cases by the int tests.
 * Outbound messages (channel 'webhook') reach no reader: they are for webhook subscribers only.
 */
export function audienceCondition(reader: Reader, params: unknown[]): string {
  params.push(reader.sub);
  const sub = `$${params.length}`;
  params.push(reader.roles.filter((role) => role !== 'handler'));
  const roles = `$${params.length}::text[]`;
  let handler = 'FALSE';
  if (reader.roles.includes('handler') && reader.department !== undefined) {
    params.push(reader.department);
    handler = `('handler' = ANY(roles) AND department = $${params.length})`;
  }
  return `(channel = 'inbox' AND (${sub} = ANY(user_ids) OR roles && ${roles} OR ${handler}) AND ${projectCondition('project_code', reader.projects, params)})`;
}
