import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem } from '../problem/problem-details';
import { problemInstance } from './loggable-url';

/** The methods each registered route path answers, looked up by a concrete request path. */
export class RouteMethods {
  private readonly byUrl = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(url: string, method: string | readonly string[]): void {
    const entry = this.byUrl.get(url) ?? { pattern: routePattern(url), methods: new Set<string>() };
    for (const m of typeof method === 'string' ? [method] : method) entry.methods.add(m.toUpperCase());
    this.byUrl.set(url, entry);
  }

  /** The methods of the route registered with exactly this literal path (no parameters), if any. */
  literal(path: string): Set<string> | undefined {
    return this.byUrl.get(path)?.methods ?? this.byUrl.get(path.replace(/\/$/, ''))?.methods;
  }

  /** Every method some route of this path answers, sorted; empty when no route has the path. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const { pattern, methods: own } of this.byUrl.values()) if (pattern.test(path)) own.forEach((m) => methods.add(m));
    return [...methods].sort();
  }
}

/** `/v1/tickets/:id/close` → a regex for its concrete paths; a parameter is one path segment. */
function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export interface MethodNotAllowedOptions {
  /**
   * The methods a path really has, of those its routes take (`routed`), where the routes say less
   * than that: a gateway's route forwards every method under a prefix to paths that each have a
   * few. Called only for a method no route takes; it must answer at once, without I/O.
   */
  readonly narrow?: (path: string, routed: readonly string[]) => readonly string[];
}

/**
 * A method the path does not support is 405 with `Allow` (RFC 9110), not 404: the resource
 * exists, so a client learns what it can do with it. Answered before anything else runs, so a
 * body-carrying method (QUERY, TRACE) is never parsed for a route that does not take it.
 */
export function installMethodNotAllowed(fastify: FastifyInstance, { narrow }: MethodNotAllowedOptions = {}): void {
  const routes = new RouteMethods();
  fastify.addHook('onRoute', (route) => {
    // The CORS preflight route answers OPTIONS on every path; it says nothing about which exist.
    if (route.url === '*' || route.url === '/*') return;
    routes.add(route.url, route.method);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = request.is404 ? narrowed(routes.allowed(path), path, narrow) : literalOnly(routes, path, request.method, request.routeOptions.url);
    // A path no route has but one with a trailing slash more or less (`/v1/things/7/`) lists the very
    // method asked: that is no 405 ("GET is not supported here; use GET"), but the 404 it is.
    if (allowed.length === 0 || allowed.includes(request.method)) return done();
    void reply
      .code(405)
      .header('allow', allowed.join(', '))
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem(405, 'HTTP.METHOD_NOT_ALLOWED', `${request.method} is not supported here; use ${allowed.join(', ')}`, { instance: problemInstance(request) }));
  });
}

function narrowed(routed: string[], path: string, narrow: MethodNotAllowedOptions['narrow']): readonly string[] {
  if (routed.length === 0 || !narrow) return routed;
  const own = narrow(path, routed).filter((method) => routed.includes(method));
  return own.length > 0 ? own : routed;
}

/**
 * `/v1/customers/lookup` is a resource of its own even though `lookup` also fits
 * `/v1/customers/:id`: a method the literal route lacks is 405 there, not whatever the
 * parametric route of that method makes of the word.
 */
function literalOnly(routes: RouteMethods, path: string, method: string, matched: string | undefined): string[] {
  if (!matched?.includes(':')) return [];
  const literal = routes.literal(path);
  return literal && !literal.has(method) ? [...literal].sort() : [];
}
