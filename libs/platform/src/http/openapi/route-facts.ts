import { INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import { ROLES, Role, RoleRule, isPublicRoute, roleRuleOfRoute, rolesOfRoute } from '@cs/auth';
import { ENTITY_TAG_PATTERN } from '../etag';
import { isParameter, mapOperations } from './operations';

interface RouteArgument {
  readonly data?: unknown;
  readonly pipes?: readonly unknown[];
}

/** What a handler's decorators say that Swagger's explorer does not publish by itself. */
export interface RouteFacts {
  /** Path parameters parsed with `uuidParam`. */
  readonly uuidPathParameters: ReadonlySet<string>;
  /** `@Public()`: no bearer token (webhooks authenticate by signature). */
  readonly public: boolean;
  /** The handler reads `If-Match` (optimistic concurrency). */
  readonly ifMatch: boolean;
  /** The roles the auth guard admits, narrowed by the business rule's; none on a public route. */
  readonly roles: readonly Role[];
  /** The problem code the business rule refuses the other roles with, where one narrows the route. */
  readonly refusal?: string;
}

/**
 * An operation with the roles allowed to call it, as the `x-roles` extension, and where a business
 * rule refuses the others, its 403 problem code as `x-roles-refusal`.
 */
type OperationWithRoles = OperationObject & { readonly 'x-roles'?: readonly Role[]; readonly 'x-roles-refusal'?: string };

export const IF_MATCH_PARAMETER: ParameterObject = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'the ETag of the version acted on (`*` or absent: any); 412 when stale',
  // `*` or an entity tag, as IF_MATCH_PATTERN reads it; two alternatives rather than one pattern so
  // generators that draw headers from letters and digits only still find a valid value (`*`).
  schema: { type: 'string', anyOf: [{ enum: ['*'] }, { pattern: ENTITY_TAG_PATTERN.source }] },
};

function routeArguments(controller: object, method: string): [string, RouteArgument][] {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as Record<string, RouteArgument> | undefined;
  return Object.entries(args ?? {});
}

function uuidParameters(args: [string, RouteArgument][]): Set<string> {
  const names = new Set<string>();
  for (const [key, argument] of args) {
    const isPathParameter = key.startsWith(`${RouteParamtypes.PARAM}:`) && typeof argument.data === 'string';
    if (isPathParameter && argument.pipes?.some((pipe) => pipe instanceof ParseUUIDPipe)) names.add(argument.data as string);
  }
  return names;
}

function readsIfMatch(args: [string, RouteArgument][]): boolean {
  return args.some(
    ([key, argument]) =>
      key.startsWith(`${RouteParamtypes.HEADERS}:`) && typeof argument.data === 'string' && argument.data.toLowerCase() === 'if-match',
  );
}

/** Facts per Swagger operation id (`Controller_method`, Swagger's default). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  const reflector = new Reflector();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const args = routeArguments(metatype, method);
        const isPublic = isPublicRoute(reflector, [handler, metatype]);
        facts.set(`${metatype.name}_${method}`, {
          uuidPathParameters: uuidParameters(args),
          ifMatch: readsIfMatch(args),
          public: isPublic,
          ...(isPublic ? { roles: [] } : rolesOf(reflector, [handler, metatype], `${metatype.name}.${method}`)),
        });
      }
    }
  }
  return facts;
}

/**
 * The roles the guard admits (`@Roles`, else every role), or those the business rule admits
 * (`@RolesByRule`) on a route whose guard admits every role. Both on one route would answer two
 * 403 codes (the guard's to the roles it refuses, the rule's to the rest), which one refusal
 * cannot say, so the document is not built.
 */
function rolesOf(reflector: Reflector, targets: Parameters<typeof rolesOfRoute>[1], route: string): Pick<RouteFacts, 'roles' | 'refusal'> {
  const guarded = rolesOfRoute(reflector, targets);
  const rule: RoleRule | undefined = roleRuleOfRoute(reflector, targets);
  if (!rule) return { roles: guarded ?? ROLES };
  if (guarded) throw new Error(`${route} has both @Roles and @RolesByRule; a rule narrows a route every role reaches, so that its refusal is the route's only 403`);
  return { roles: rule.roles, refusal: rule.refusal };
}

/** Who may call it, for people (a line of the description) and for programs (`x-roles`, `x-roles-refusal`). */
function withRoles(operation: OperationObject, { roles, refusal }: Pick<RouteFacts, 'roles' | 'refusal'>): OperationWithRoles {
  if (roles.length === 0) return operation;
  const audience = roles.length === ROLES.length ? `any authenticated user (${roles.join(', ')})` : roles.join(', ');
  const line = refusal ? `Roles: ${audience}; any other role is refused 403 ${refusal}.` : `Roles: ${audience}.`;
  return {
    ...operation,
    description: operation.description ? `${operation.description}\n\n${line}` : line,
    'x-roles': [...roles],
    ...(refusal ? { 'x-roles-refusal': refusal } : {}),
  };
}

function withFacts(operation: OperationObject, facts: RouteFacts): OperationObject {
  const declared = (operation.parameters ?? []).map((parameter) =>
    isParameter(parameter) && parameter.in === 'path' && facts.uuidPathParameters.has(parameter.name)
      ? { ...parameter, schema: { type: 'string', format: 'uuid' } }
      : parameter,
  );
  const parameters = facts.ifMatch ? [IF_MATCH_PARAMETER, ...declared] : declared;
  return withRoles({ ...operation, ...(parameters.length > 0 ? { parameters } : {}), ...(facts.public ? { security: [] } : {}) }, facts);
}

/**
 * UUID path parameters get `format: uuid`, handlers reading If-Match document it, public routes
 * drop the bearer requirement, and every other operation names the roles allowed to call it.
 */
export function documentRouteFacts(document: OpenAPIObject, facts: ReadonlyMap<string, RouteFacts>): OpenAPIObject {
  return mapOperations(document, (operation) => {
    const found = operation.operationId ? facts.get(operation.operationId) : undefined;
    return found ? withFacts(operation, found) : operation;
  });
}
