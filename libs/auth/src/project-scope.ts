import type { Principal } from './principal';

/**
 * Which projects' data a principal may read or change. Data tied to no project (a customer
 * with no unit yet, a ticket without a project) is visible to every scope.
 */
export type ProjectScope = { readonly all: true } | { readonly all: false; readonly projects: readonly string[] };

export const ALL_PROJECTS: ProjectScope = { all: true };

export function projectScopeOf(principal: Pick<Principal, 'projects'>): ProjectScope {
  return principal.projects === undefined ? ALL_PROJECTS : { all: false, projects: principal.projects };
}

/** Whether a record of `projectCode` (absent: tied to no project) lies inside the scope. */
export function inProjectScope(scope: ProjectScope, projectCode: string | null | undefined): boolean {
  return scope.all || projectCode === null || projectCode === undefined || scope.projects.includes(projectCode);
}

/** A record tied to several projects is in scope when it has none or when any of them is served. */
export function anyInProjectScope(scope: ProjectScope, projectCodes: readonly string[]): boolean {
  return scope.all || projectCodes.length === 0 || projectCodes.some((code) => scope.projects.includes(code));
}

/** The projects of the scope, or undefined for all: the shape SQL filters take. */
export function scopedProjects(scope: ProjectScope): readonly string[] | undefined {
  return scope.all ? undefined : scope.projects;
}
