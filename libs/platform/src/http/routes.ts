import type { DynamicModule, ForwardReference, INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { Module as NestModule } from '@nestjs/core/injector/module';

/** A module as Nest accepts one in `imports` or as an application's root. */
export type ModuleEntry = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** A controller method Nest routes HTTP requests to. */
export interface Route {
  readonly controller: Type<unknown>;
  readonly name: string;
  readonly handler: object;
  readonly method: RequestMethod;
}

const scanner = new MetadataScanner();

/** The routes of a controller, inherited methods included, as Nest's router finds them. */
export function routesOf(controller: Type<unknown>): Route[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return scanner.getAllMethodNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function') return [];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    return method === undefined ? [] : [{ controller, name, handler, method }];
  });
}

/** A declaration on the route's method, else on its controller: what Reflector's getAllAndOverride reads. */
export function declaredOn(route: Route, key: string): unknown {
  return Reflect.getMetadata(key, route.handler) ?? Reflect.getMetadata(key, route.controller);
}

/** `Controller_method`, as the OpenAPI document's operation ids name routes. */
export function routeName(route: Route): string {
  return `${route.controller.name}_${route.name}`;
}

/** A route of an application, with the module Nest built its controller in. */
export interface ApplicationRoute extends Route {
  readonly module: NestModule;
}

/** The routes of every controller an application registered. */
export function applicationRoutes(app: INestApplication): ApplicationRoute[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].flatMap(({ metatype }) =>
      typeof metatype === 'function' ? routesOf(metatype as Type<unknown>).map((route) => ({ ...route, module })) : [],
    ),
  );
}

function isForwardReference(entry: object): entry is ForwardReference {
  return 'forwardRef' in entry;
}

function isDynamicModule(entry: object): entry is DynamicModule {
  return 'module' in entry;
}

function listed(metadata: unknown): unknown[] {
  return Array.isArray(metadata) ? metadata : [];
}

/**
 * Every controller `root` and the modules it imports declare, found from their decorators as
 * Nest's scanner will find them: before an application is created from it.
 */
export async function controllersOf(root: ModuleEntry): Promise<Type<unknown>[]> {
  const seen = new Set<object>();
  const controllers = new Set<Type<unknown>>();
  const visit = async (entry: unknown): Promise<void> => {
    const awaited: unknown = await entry;
    if (typeof awaited !== 'function' && (typeof awaited !== 'object' || awaited === null)) return;
    const module: object = typeof awaited === 'object' && isForwardReference(awaited) ? (awaited.forwardRef() as object) : awaited;
    if (seen.has(module)) return;
    seen.add(module);
    const dynamic = isDynamicModule(module) ? module : undefined;
    const type = dynamic ? dynamic.module : module;
    const found = [...listed(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type)), ...(dynamic?.controllers ?? [])];
    for (const controller of found) if (typeof controller === 'function') controllers.add(controller as Type<unknown>);
    for (const imported of [...listed(Reflect.getMetadata(MODULE_METADATA.IMPORTS, type)), ...(dynamic?.imports ?? [])]) await visit(imported);
  };
  await visit(root);
  return [...controllers];
}
