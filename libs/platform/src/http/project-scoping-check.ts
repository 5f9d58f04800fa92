import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC_KEY, PROJECT_SCOPING_KEY, type ProjectScoping } from '@cs/auth';
import { mapOperations } from './openapi/operations';
import { applicationRoutes, declaredOn, routeName } from './routes';

/** Each authenticated route's declared scoping, by Swagger operation id (`Controller_method`); undefined when missing. */
function scopingByRoute(app: INestApplication): Map<string, ProjectScoping | undefined> {
  const routes = new Map<string, ProjectScoping | undefined>();
  for (const route of applicationRoutes(app)) {
    if (declaredOn(route, IS_PUBLIC_KEY) === true) continue;
    routes.set(routeName(route), declaredOn(route, PROJECT_SCOPING_KEY) as ProjectScoping | undefined);
  }
  return routes;
}

/** The routes (Controller_method) that declare neither @ScopedByProject nor @SharedAcrossProjects. */
export function routesWithoutProjectScoping(app: INestApplication): string[] {
  return [...scopingByRoute(app)].filter(([, scoping]) => scoping === undefined).map(([route]) => route);
}

function scopingNote(scoping: ProjectScoping): string {
  return scoping.kind === 'shared'
    ? `Project scope: shared by every project (${scoping.reason}); changed only by users serving every project.`
    : 'Project scope: limited to the caller’s projects; another project’s data is 404.';
}

/** `x-project-scope` and a line of description on each operation, from the same declaration the guard reads. */
export function documentProjectScoping(app: INestApplication): (document: OpenAPIObject) => OpenAPIObject {
  const routes = scopingByRoute(app);
  return (document) =>
    mapOperations(document, (operation) => {
      const scoping = operation.operationId ? routes.get(operation.operationId) : undefined;
      if (!scoping) return operation;
      const note = scopingNote(scoping);
      return {
        ...operation,
        description: operation.description ? `${operation.description}\n\n${note}` : note,
        'x-project-scope': scoping.kind,
      };
    });
}

/**
 * Refuses to start a service with an authenticated route that has not declared how it treats
 * projects, so no new endpoint can forget project scoping.
 */
export function assertProjectScopingDeclared(app: INestApplication): void {
  const missing = routesWithoutProjectScoping(app);
  if (missing.length > 0) {
    throw new Error(`routes without @ScopedByProject() or @SharedAcrossProjects(): ${missing.join(', ')}`);
  }
}
