/** The roles an event may address; they are the `notify.roles` of the tickets service's events. */
export const AUDIENCE_ROLES = ['supervisor', 'manager', 'handler', 'agent'] as const;
export type AudienceRole = (typeof AUDIENCE_ROLES)[number];

/**
 * Who a notification is for. The platform keeps no user directory, so a notification names the
 * people it reaches the way tokens describe them: roles, narrowed to a project and, for
 * department handlers, to a department. Users the event names (the ticket's owner and handler)
 * are reached whatever their role.
 */
export interface Audience {
  readonly roles: readonly AudienceRole[];
  readonly projectCode?: string;
  readonly department?: string;
  readonly userIds: readonly string[];
}

/** What a token says about its holder, as far as notifications care. */
export interface Reader {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly department?: string;
  /** Undefined: every project. */
  readonly projects?: readonly string[];
}

/**
 * Whether a notification reaches a reader. The project always applies (a notification of a
 * project the reader does not serve does not exist for them); a handler is reached only for
 * their own department's tickets, as they see only those tickets.
 */
export function audienceIncludes(audience: Audience, reader: Reader): boolean {
  const inProject = audience.projectCode === undefined || reader.projects === undefined || reader.projects.includes(audience.projectCode);
  if (!inProject) return false;
  if (audience.userIds.includes(reader.sub)) return true;
  return audience.roles.some((role) => reader.roles.includes(role) && (role !== 'handler' || handlerOfDepartment(audience, reader)));
}

function handlerOfDepartment(audience: Audience, reader: Reader): boolean {
  return audience.department !== undefined && reader.department === audience.department;
}

/** The audience as others may see it: roles, project and department, never the users it names. */
export function publicAudience(audience: Audience): { roles: AudienceRole[]; projectCode?: string; department?: string } {
  return {
    roles: [...audience.roles],
    ...(audience.projectCode ? { projectCode: audience.projectCode } : {}),
    ...(audience.department ? { department: audience.department } : {}),
  };
}

/**
 * Whether every notification that reaches `reader` reaches `wider` too (the same person, with a
 * scope at least as wide): then a condition over `wider`'s audience need not be checked for what
 * `reader` sees.
 */
export function readerWithin(reader: Reader, wider: Reader): boolean {
  if (reader.sub !== wider.sub) return false;
  const projectsWithin = wider.projects === undefined || (reader.projects !== undefined && reader.projects.every((project) => wider.projects?.includes(project)));
  const rolesWithin = reader.roles.every((role) => role === 'handler' || wider.roles.includes(role));
  const handlerWithin =
    !reader.roles.includes('handler') || reader.department === undefined || (wider.roles.includes('handler') && wider.department === reader.department);
  return projectsWithin && rolesWithin && handlerWithin;
}
