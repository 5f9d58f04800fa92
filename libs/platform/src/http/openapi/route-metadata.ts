import { INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';
import { IS_PUBLIC_KEY } from '@cs/auth';

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
}

function uuidParameters(controller: object, method: string): Set<string> {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as Record<string, RouteArgument> | undefined;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args ?? {})) {
    const isPathParameter = key.startsWith(`${RouteParamtypes.PARAM}:`) && typeof argument.data === 'string';
    if (isPathParameter && argument.pipes?.some((pipe) => pipe instanceof ParseUUIDPipe)) names.add(argument.data as string);
  }
  return names;
}

/** Facts per Swagger operation id (`Controller_method`, Swagger's default). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      const controllerPublic = Reflect.getMetadata(IS_PUBLIC_KEY, metatype) === true;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        facts.set(`${metatype.name}_${method}`, {
          uuidPathParameters: uuidParameters(metatype, method),
          public: controllerPublic || Reflect.getMetadata(IS_PUBLIC_KEY, handler) === true,
        });
      }
    }
  }
  return facts;
}

function isParameter(parameter: ParameterObject | ReferenceObject): parameter is ParameterObject {
  return !('$ref' in parameter);
}

function withFacts(operation: OperationObject, facts: RouteFacts): OperationObject {
  const parameters = operation.parameters?.map((parameter) =>
    isParameter(parameter) && parameter.in === 'path' && facts.uuidPathParameters.has(parameter.name)
      ? { ...parameter, schema: { type: 'string', format: 'uuid' } }
      : parameter,
  );
  return { ...operation, ...(parameters ? { parameters } : {}), ...(facts.public ? { security: [] } : {}) };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** UUID path parameters get `format: uuid`; public routes drop the bearer requirement. */
export function documentRouteFacts(document: OpenAPIObject, facts: ReadonlyMap<string, RouteFacts>): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const updated = { ...item };
      for (const method of METHODS) {
        const operation = item[method];
        const found = operation?.operationId ? facts.get(operation.operationId) : undefined;
        if (operation && found) updated[method] = withFacts(operation, found);
      }
      return [path, updated];
    }),
  );
  return { ...document, paths };
}
