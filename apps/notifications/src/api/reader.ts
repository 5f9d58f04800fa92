import { Principal, ProjectScope, scopedProjects } from '@cs/auth';
import type { Reader } from '../domain/audience';

/** The token's holder as notifications see them: the projects come from the request's scope. */
export function readerOf(user: Principal, scope: ProjectScope): Reader {
  const projects = scopedProjects(scope);
  return { sub: user.sub, roles: user.roles, ...(user.department ? { department: user.department } : {}), ...(projects ? { projects } : {}) };
}
