import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OpenAPIObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { UUID_TEXT } from './params';

/** Whether a value has the shape its parameter declares. */
export type PlainShape = (value: string) => boolean;

/** The query parameters of one route whose declared values hold no personal data, by name. */
export type PlainQueryParameters = ReadonlyMap<string, PlainShape>;

/** No parameter shown as sent: every value masked or redacted. */
export const NO_PLAIN_QUERY_PARAMETERS: PlainQueryParameters = new Map();
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * A number, one of a list, a UUID: what a value must be for its parameter to show it. Free text,
 * codes and instants are not (a search box holds a dictated phone; a text's digits can be any).
 */
function plainShape(schema: SchemaObject | ReferenceObject | undefined): PlainShape | undefined {
  if (schema === undefined || '$ref' in schema) return undefined;
  if (schema.enum !== undefined) {
    const allowed = new Set(schema.enum.filter((v) => v !== null).map(String));
    return (value) => allowed.has(value);
  }
  if (schema.type === 'integer' || schema.type === 'number') return (value) => NUMBER.test(value);
  if (schema.format === 'uuid') return (value) => UUID_TEXT.test(value);
  return undefined;
}

/** `/v1/tickets/{id}` as Fastify names the route: `/v1/tickets/:id`. */
function routeOfTemplate(template: string): string {
  return template.replace(/\{([^/{}]+)\}/g, ':$1');
}

/** Per route (`GET /v1/tickets/:id`), its plain query parameters, as the service's document declares them. */
export function plainQueryParametersOf(document: OpenAPIObject): Map<string, PlainQueryParameters> {
  const routes = new Map<string, PlainQueryParameters>();
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const parameters = (item[method]?.parameters ?? []).filter((p): p is ParameterObject => 'in' in p && p.in === 'query');
      const plain = new Map(parameters.flatMap((p) => {
        const shape = plainShape(p.schema);
        return shape === undefined ? [] : [[p.name, shape] as const];
      }));
      if (plain.size > 0) routes.set(`${method.toUpperCase()} ${routeOfTemplate(template)}`, plain);
    }
  }
  return routes;
}

/** Each service's routes' plain query parameters, by the Fastify instance that serves them. */
const installed = new WeakMap<object, ReadonlyMap<string, PlainQueryParameters>>();

/**
 * Keeps the plain query parameters of each route of the service's document, read from it once,
 * for the problems its requests end in. Nothing runs per request: the route a request reached is
 * looked up only when a problem is written (a hook reading it on every request cost each one a
 * route-options object and a key, the caller lookup among them, for the few that fail).
 */
export function installPlainQueryParameters(fastify: FastifyInstance, document: OpenAPIObject): void {
  installed.set(fastify, plainQueryParametersOf(document));
}

/** What was installed on a request's server, or on the one it was registered in (a plugin's instance inherits from it). */
function installedFor(server: FastifyInstance): ReadonlyMap<string, PlainQueryParameters> | undefined {
  for (let instance: object | null = server; instance !== null; instance = Object.getPrototypeOf(instance) as object | null) {
    const routes = installed.get(instance);
    if (routes !== undefined) return routes;
  }
  return undefined;
}

/** The plain query parameters of the route a request reached; none when it reached no documented one. */
export function plainQueryParametersOfRequest(request: FastifyRequest): PlainQueryParameters {
  const routes = installedFor(request.server);
  const route = routes === undefined ? undefined : request.routeOptions.url;
  if (routes === undefined || route === undefined) return NO_PLAIN_QUERY_PARAMETERS;
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  return routes.get(`${method} ${route}`) ?? NO_PLAIN_QUERY_PARAMETERS;
}
