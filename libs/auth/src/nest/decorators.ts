import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from '../principal';
import { getPrincipal } from './request-principal';

export const IS_PUBLIC_KEY = 'cs.auth:public';
export const ROLES_KEY = 'cs.auth:roles';
export const PERMISSIONS_KEY = 'cs.auth:permissions';

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
