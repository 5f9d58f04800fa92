import type { OpenAPIObject, PathItemObject } from '@nestjs/swagger';

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The methods a request path has in a document, sorted; undefined when no path of the document fits it. */
export type MethodsOfPath = (path: string) => readonly string[] | undefined;

interface Template {
  readonly pattern: RegExp;
  /** Without parameters: OpenAPI matches such a path before any template that also fits. */
  readonly concrete: boolean;
  readonly item: PathItemObject;
  readonly methods: readonly string[];
}

/** `/v1/tickets/{id}` → a pattern of its request paths: a parameter is part of one segment, never a `/`. */
function templatePattern(template: string): RegExp {
  const source = template
    .replace(/\/$/, '')
    .split(/(\{[^/{}]+\})/)
    .map((part) => (/^\{[^/{}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

/** A service answers HEAD wherever it answers GET, though its document lists only GET. */
function methodsOf(item: PathItemObject): string[] {
  const methods = new Set(OPERATIONS.filter((operation) => item[operation] !== undefined).map((operation) => operation.toUpperCase()));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * The path items of a document that serve a request path, read once per document: a concrete
 * path's own where one fits, else every template's that does; undefined when none fits.
 */
export function pathItemsOf(document: OpenAPIObject): (path: string) => readonly PathItemObject[] | undefined {
  const templates: Template[] = Object.entries(document.paths ?? {})
    .map(([template, item]) => ({ pattern: templatePattern(template), concrete: !template.includes('{'), item, methods: methodsOf(item) }))
    .filter((template) => template.methods.length > 0);
  return (path) => {
    const fitting = templates.filter((template) => template.pattern.test(path));
    if (fitting.length === 0) return undefined;
    const concrete = fitting.filter((template) => template.concrete);
    return (concrete.length > 0 ? concrete : fitting).map((template) => template.item);
  };
}

/**
 * Reads the methods of each path from the whole API's document once, so a request path is looked
 * up without asking any service: a concrete path's own methods where one fits, else those of every
 * template that does.
 */
export function documentedMethods(document: OpenAPIObject): MethodsOfPath {
  const itemsOf = pathItemsOf(document);
  return (path) => {
    const items = itemsOf(path);
    return items === undefined ? undefined : [...new Set(items.flatMap(methodsOf))].sort();
  };
}

/**
 * What `read` makes of the latest document `known` gives, made once per document; undefined while
 * there is no document yet (no service has answered).
 */
export function ofKnownDocument<T>(known: () => OpenAPIObject | undefined, read: (document: OpenAPIObject) => T): () => T | undefined {
  let held: { readonly document: OpenAPIObject; readonly value: T } | undefined;
  return () => {
    const document = known();
    if (document === undefined) return undefined;
    if (held?.document !== document) held = { document, value: read(document) };
    return held.value;
  };
}

/**
 * The methods of a request path in the latest document `known` gives, read once per document;
 * the methods forwarded under its prefix (`routed`) when there is no document yet or the document
 * lacks the path (its service did not answer, or the path is not there).
 */
export function methodsOfKnownDocument(known: () => OpenAPIObject | undefined): (path: string, routed: readonly string[]) => readonly string[] {
  const methodsOf = ofKnownDocument(known, documentedMethods);
  return (path, routed) => methodsOf()?.(path) ?? routed;
}
