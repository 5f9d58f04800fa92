import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Role } from '../principal';
import { IS_PUBLIC_KEY, ROLES_BY_RULE_KEY, ROLES_KEY, type RoleRule } from './decorators';

type DecoratedTarget = ReturnType<ExecutionContext['getHandler']>;

/** A route's handler and its controller, where the access decorators are read. */
export type RouteTargets = [handler: DecoratedTarget, controller: DecoratedTarget];

/** `@Public()` on the handler or its controller: no bearer token is asked for. */
export function isPublicRoute(reflector: Reflector, targets: RouteTargets): boolean {
  return reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
}

/**
 * The roles `@Roles` admits to a route, the handler's list replacing its controller's;
 * undefined when neither says, so any authenticated role is admitted. The guard enforces
 * this and the OpenAPI document publishes it, so the two cannot drift apart.
 */
export function rolesOfRoute(reflector: Reflector, targets: RouteTargets): readonly Role[] | undefined {
  return reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
}

/** The business rule `@RolesByRule` says narrows who may call a route, if any. */
export function roleRuleOfRoute(reflector: Reflector, targets: RouteTargets): RoleRule | undefined {
  return reflector.getAllAndOverride<RoleRule | undefined>(ROLES_BY_RULE_KEY, targets);
}
