import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from '../principal';
import { getPrincipal } from './request-principal';

export const IS_PUBLIC_KEY = 'cs.auth:public';
export const ROLES_KEY = 'cs.auth:roles';
export const PERMISSIONS_KEY = 'cs.auth:permissions';
export const ROLES_BY_RULE_KEY = 'cs.auth:roles-by-rule';

/** Lets the route through without a token; every other route requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Allows principals holding ANY of the roles. On a method it replaces a class-level @Roles
 * rather than adding to it, so a handler can be opened to a wider or narrower audience.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  // An empty list would silently mean "no restriction" — almost certainly a mistake.
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return SetMetadata(ROLES_KEY, roles);
}

/** The roles a business rule lets call a route, and the problem code it answers the others with (403). */
export interface RoleRule {
  readonly roles: readonly Role[];
  readonly refusal: string;
}

/**
 * Publishes the roles the domain's access rule admits to a route the guard leaves open to every
 * role: the rule refuses the others itself (403 `refusal`) once it has found what is acted on, so
 * a caller learns nothing of another project's data (404 first). The rule stays the one
 * place the roles are decided; the OpenAPI document names them as it names `@Roles`.
 */
export function RolesByRule(rule: RoleRule): MethodDecorator {
  if (rule.roles.length === 0) throw new Error('@RolesByRule() needs at least one role');
  return SetMetadata(ROLES_BY_RULE_KEY, rule);
}

/**
 * Requires ALL the permissions. Class- and method-level requirements accumulate, so a
 * handler can only tighten what its controller demands.
 */
export function RequirePermissions(...permissions: string[]): MethodDecorator & ClassDecorator {
  if (permissions.length === 0) throw new Error('@RequirePermissions() needs at least one permission');
  return SetMetadata(PERMISSIONS_KEY, permissions);
}

function principalFromContext(context: ExecutionContext): Principal {
  const principal = getPrincipal(context.switchToHttp().getRequest<FastifyRequest>());
  if (principal === undefined) {
    // Reaching here is a wiring bug (AuthModule not imported, or the route is @Public()),
    // so it surfaces as a 500 rather than blaming the client with a 401.
    throw new Error('@CurrentUser() found no authenticated principal; is the route @Public() or AuthModule missing?');
  }
  return principal;
}

/** Injects the authenticated Principal into a route handler parameter. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  principalFromContext(context),
);
