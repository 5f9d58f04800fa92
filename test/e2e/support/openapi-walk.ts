/**
 * Reads a service's OpenAPI document as a test walks it: every operation, and a request body
 * that satisfies the operation's schema, so a walk reaches the handler's access check rather
 * than stopping at validation.
 */
export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly pattern?: string;
  readonly items?: SchemaObject;
  readonly properties?: Record<string, SchemaObject>;
  readonly required?: readonly string[];
  readonly oneOf?: readonly SchemaObject[];
  readonly anyOf?: readonly SchemaObject[];
  readonly allOf?: readonly SchemaObject[];
}

export interface Operation {
  readonly operationId?: string;
  readonly parameters?: readonly { name: string; in: string; required?: boolean; schema?: SchemaObject }[];
  readonly requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  readonly 'x-project-scope'?: 'by_project' | 'shared';
  readonly responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** A live stream (server-sent events) never ends by itself: a walk reads its status and leaves. */
export function producesEventStream(operation: Operation): boolean {
  return Object.values(operation.responses ?? {}).some((response) => response.content?.['text/event-stream'] !== undefined);
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { schemas?: Record<string, SchemaObject> };
}

export interface WalkedOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly operation: Operation;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(document: OpenApiDocument): WalkedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase() as WalkedOperation['method'], path, operation: item[m]! })),
  );
}

function resolve(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = document.components?.schemas?.[name];
  if (!found) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(document, found);
}

/** A value the schema accepts: its example or default where given, else the smallest that fits. */
export function sampleOf(document: OpenApiDocument, given: SchemaObject, depth = 0): unknown {
  const schema = resolve(document, given);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (alternative) return sampleOf(document, schema.properties ? narrowedBy(document, schema, alternative) : alternative, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(document, s, depth + 1)));
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return schema.items && (schema.minItems ?? 0) > 0 ? [sampleOf(document, schema.items, depth + 1)] : [];
    case 'string':
      return sampleString(schema);
    default: {
      if (depth > 8) return {};
      const properties = schema.properties ?? {};
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sampleOf(document, properties[key] ?? {}, depth + 1)]));
    }
  }
}

/**
 * An object whose alternatives only narrow it (`oneOf: [{ required: ['workingDays'] }, …]`, a
 * `decision` of one value): the object as its first alternative allows it, its properties and
 * requirements with the alternative's on top, so that a sample keeps the object's own.
 */
function narrowedBy(document: OpenApiDocument, schema: SchemaObject, given: SchemaObject): SchemaObject {
  const alternative = resolve(document, given);
  const names = new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(alternative.properties ?? {})]);
  return {
    ...alternative,
    type: 'object',
    properties: Object.fromEntries([...names].map((name) => [name, { ...schema.properties?.[name], ...alternative.properties?.[name] }])),
    required: [...new Set([...(schema.required ?? []), ...(alternative.required ?? [])])],
  };
}

function sampleString(schema: SchemaObject): string {
  switch (schema.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'date-time':
      return new Date().toISOString();
    case 'email':
      return 'someone@example.com';
    case 'uri':
      return 'https://example.com/x';
    default:
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
  }
}

export function requestBodyOf(document: OpenApiDocument, operation: Operation): unknown {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  return schema ? sampleOf(document, schema) : undefined;
}
