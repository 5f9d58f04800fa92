import type { Principal } from '@cs/auth';

/**
 * The rights an answer was given under, kept sealed with it: what a handler judges beyond the
 * route's guards (the projects a record must lie in, a permission to see personal data unmasked,
 * a role a transition needs, the department a handler serves).
 */
export interface Grants {
  /** Absent: every project. */
  readonly projects?: readonly string[];
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  readonly department?: string;
}

export function grantsOf(principal: Principal): Grants {
  return {
    roles: [...principal.roles],
    permissions: [...principal.permissions],
    ...(principal.projects === undefined ? {} : { projects: [...principal.projects] }),
    ...(principal.department === undefined ? {} : { department: principal.department }),
  };
}

/**
 * Whether `current` still holds every right of `given`: a replay hands over what was judged under
 * `given`, so one withdrawn since (a project, a role, a permission, another department) withholds
 * it; rights added since do not.
 */
export function holdsGrants(current: Grants, given: Grants): boolean {
  const includes = (held: readonly string[], needed: readonly string[]) => needed.every((right) => held.includes(right));
  const projects = current.projects === undefined || (given.projects !== undefined && includes(current.projects, given.projects));
  return projects && includes(current.roles, given.roles) && includes(current.permissions, given.permissions) && current.department === given.department;
}

export function isGrants(value: unknown): value is Grants {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const strings = (field: unknown) => Array.isArray(field) && field.every((item) => typeof item === 'string');
  return (
    strings(record['roles']) &&
    strings(record['permissions']) &&
    (record['projects'] === undefined || strings(record['projects'])) &&
    (record['department'] === undefined || typeof record['department'] === 'string')
  );
}
