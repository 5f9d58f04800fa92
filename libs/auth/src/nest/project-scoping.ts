import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { projectScopeOf, type ProjectScope } from '../project-scope';
import { getPrincipal } from './request-principal';

export const PROJECT_SCOPING_KEY = 'cs.auth:project-scoping';

/**
 * How a route treats projects. Every authenticated route declares one, and a service refuses
 * to start with a route that does not, so a new endpoint cannot forget project scoping.
 */
export type ProjectScoping =
  | { readonly kind: 'by_project' }
  | { readonly kind: 'shared'; readonly reason: string };

/** The route reads or writes project data and filters it by the caller's projects (404 outside them). */
export const ScopedByProject = (): MethodDecorator & ClassDecorator => SetMetadata(PROJECT_SCOPING_KEY, { kind: 'by_project' });

/** The route serves data that belongs to no project (catalogue, calendars, policies); the reason is documented. */
export function SharedAcrossProjects(reason: string): MethodDecorator & ClassDecorator {
  if (reason.trim() === '') throw new Error('@SharedAcrossProjects() needs the reason the data belongs to no project');
  return SetMetadata(PROJECT_SCOPING_KEY, { kind: 'shared', reason });
}

/** Injects the caller's ProjectScope: the one value handlers pass down to every read and write. */
export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext): ProjectScope => {
  const principal = getPrincipal(context.switchToHttp().getRequest<FastifyRequest>());
  if (principal === undefined) throw new Error('@CurrentScope() found no authenticated principal; is the route @Public()?');
  return projectScopeOf(principal);
});
