import type { OpenAPIObject, OperationObject, PathItemObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** One service's OpenAPI document, as fetched from its `/docs-json`. */
export interface ServiceDocument {
  readonly service: string;
  readonly document: OpenAPIObject;
}

type Schemas = Record<string, SchemaObject | ReferenceObject>;

const SCHEMA_REF = '#/components/schemas/';

function pascal(service: string): string {
  return service.replace(/(^|[-_])([a-z])/g, (_m: string, _sep: string, letter: string) => letter.toUpperCase());
}

/** Deep copy with every `$ref` to a renamed schema pointing at its new name. */
function renameRefs<T>(value: T, renames: ReadonlyMap<string, string>): T {
  if (renames.size === 0) return value;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF)) {
          const renamed = renames.get(child.slice(SCHEMA_REF.length));
          return [key, renamed ? `${SCHEMA_REF}${renamed}` : child];
        }
        return [key, walk(child)];
      }),
    );
  };
  return walk(value) as T;
}

/**
 * Schemas two services publish under one name: the same schema stays shared (ProblemDetails);
 * different ones are each renamed `<Service><Name>`, so no service's body changes meaning.
 */
function schemaRenames(parts: readonly ServiceDocument[]): Map<string, Map<string, string>> {
  const versions = new Map<string, Map<string, string[]>>();
  for (const { service, document } of parts) {
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      const byContent = versions.get(name) ?? new Map<string, string[]>();
      const key = JSON.stringify(schema);
      byContent.set(key, [...(byContent.get(key) ?? []), service]);
      versions.set(name, byContent);
    }
  }
  const renames = new Map<string, Map<string, string>>(parts.map((p) => [p.service, new Map<string, string>()]));
  for (const [name, byContent] of versions) {
    if (byContent.size < 2) continue;
    for (const services of byContent.values()) for (const service of services) renames.get(service)?.set(name, `${pascal(service)}${name}`);
  }
  return renames;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(item: PathItemObject): OperationObject[] {
  return METHODS.flatMap((method) => (item[method] ? [item[method]] : []));
}

/** operationIds used by more than one service, which a generated client could not tell apart. */
function sharedOperationIds(parts: readonly { service: string; paths: Record<string, PathItemObject> }[]): Set<string> {
  const owners = new Map<string, Set<string>>();
  for (const { service, paths } of parts) {
    for (const item of Object.values(paths)) {
      for (const op of operationsOf(item)) if (op.operationId) owners.set(op.operationId, (owners.get(op.operationId) ?? new Set()).add(service));
    }
  }
  return new Set([...owners].filter(([, services]) => services.size > 1).map(([id]) => id));
}

export interface MergeOptions {
  /** The gateway's own document: its info, security schemes and own operations (dev sign-in). */
  readonly base: OpenAPIObject;
  readonly parts: readonly ServiceDocument[];
  /** Whether the gateway routes this path to this service; other paths (health, docs) are left out. */
  readonly routes: (path: string, service: string) => boolean;
  /** Services whose document could not be fetched, named in the description. */
  readonly unavailable?: readonly string[];
}

/**
 * One OpenAPI document for the whole API behind the gateway: every routed path of every service,
 * each operation tagged `x-service`, schemas de-duplicated or prefixed where names collide.
 */
export function mergeDocuments({ base, parts, routes, unavailable = [] }: MergeOptions): OpenAPIObject {
  const renames = schemaRenames(parts);
  const renamed = parts.map(({ service, document }) => {
    const own = renames.get(service) ?? new Map<string, string>();
    const paths = Object.fromEntries(Object.entries(document.paths ?? {}).filter(([path]) => routes(path, service)));
    const schemas: Schemas = Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [own.get(name) ?? name, schema]),
    );
    return { service, paths: renameRefs(paths, own), schemas: renameRefs(schemas, own), document };
  });
  const shared = sharedOperationIds(renamed);
  const paths: Record<string, PathItemObject> = { ...base.paths };
  for (const { service, paths: own } of renamed) {
    for (const [path, item] of Object.entries(own)) {
      const tagged = Object.fromEntries(
        Object.entries(item).map(([key, value]) => {
          if (!(METHODS as readonly string[]).includes(key)) return [key, value];
          const op = value as OperationObject;
          const operationId = op.operationId && shared.has(op.operationId) ? `${service}_${op.operationId}` : op.operationId;
          return [key, { ...op, ...(operationId ? { operationId } : {}), 'x-service': service }];
        }),
      ) as PathItemObject;
      paths[path] = tagged;
    }
  }
  const schemas: Schemas = { ...base.components?.schemas };
  for (const part of renamed) Object.assign(schemas, part.schemas);
  const securitySchemes = Object.assign({}, ...parts.map((p) => p.document.components?.securitySchemes ?? {}), base.components?.securitySchemes);
  const missing = unavailable.length > 0 ? `\n\nNot reachable when this document was built, so not listed: ${unavailable.join(', ')}.` : '';
  return {
    ...base,
    info: { ...base.info, description: `${base.info.description ?? ''}${missing}` },
    paths,
    components: { ...base.components, schemas, securitySchemes },
    ...(unavailable.length > 0 ? { 'x-unavailable-services': [...unavailable] } : {}),
  };
}
