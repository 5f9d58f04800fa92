import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import type { ServiceName } from '@cs/config';
import { buildOpenApiDocument } from '@cs/platform';
import { AppModule as CallbacksModule } from '../../apps/callbacks/src/app.module';
import { AppModule as IntakeModule } from '../../apps/intake/src/app.module';
import { AppModule as KnowledgeModule } from '../../apps/knowledge/src/app.module';
import { AppModule as NotificationsModule } from '../../apps/notifications/src/app.module';
import { AppModule as ReportingModule } from '../../apps/reporting/src/app.module';
import { AppModule as TicketsModule } from '../../apps/tickets/src/app.module';
import { mergeDocuments, ServiceDocument } from '../../apps/gateway/src/openapi/merge-documents';
import { serviceOfPath } from '../../apps/gateway/src/routing/route-table';

/** Each service's root module, as its main starts it. */
export const ROOT_MODULES: Readonly<Record<ServiceName, Type<unknown>>> = {
  intake: IntakeModule,
  tickets: TicketsModule,
  callbacks: CallbacksModule,
  knowledge: KnowledgeModule,
  reporting: ReportingModule,
  notifications: NotificationsModule,
};

/** Fixed, so a generated client does not change with the package version. */
const DOCUMENT_VERSION = '1';

/**
 * A service's OpenAPI document exactly as it serves it at /docs-json, built without Postgres,
 * Kafka or Redis: Nest's preview mode registers modules and controllers but instantiates no
 * provider, and the document is read from decorators alone.
 */
export async function buildServiceDocument(service: ServiceName): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(ROOT_MODULES[service], new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app, service, DOCUMENT_VERSION);
  } finally {
    await app.close();
  }
}

export async function buildServiceDocuments(): Promise<ServiceDocument[]> {
  const services = Object.keys(ROOT_MODULES) as ServiceName[];
  const documents: ServiceDocument[] = [];
  for (const service of services) documents.push({ service, document: await buildServiceDocument(service) });
  return documents;
}

/**
 * The API behind the gateway as one document, merged by the gateway's own merge function. The
 * gateway's operations (dev sign-in) are left out: they exist only in development.
 */
export async function buildMergedDocument(): Promise<OpenAPIObject> {
  const base = {
    ...new DocumentBuilder()
      .setTitle('Customer-service center API')
      .setDescription('Every service’s `/v1` API under one origin. Errors are RFC 9457 application/problem+json.')
      .setVersion(DOCUMENT_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
    paths: {},
  };
  return mergeDocuments({ base, parts: await buildServiceDocuments(), routes: (path, service) => serviceOfPath(path) === service });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `METHOD /path status` for every 2xx response of the document that declares no body schema. */
export function successesWithoutSchema(document: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const content = (response as ResponseObject).content ?? {};
        const described = Object.values(content).some((media) => media.schema !== undefined && Object.keys(media.schema).length > 0);
        if (!described) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
  }
  return missing;
}

interface PropertySchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: PropertySchema;
  properties?: Record<string, PropertySchema>;
  allOf?: PropertySchema[];
}

const REF = '#/components/schemas/';

/** Names of the component schemas a success response body reaches, directly or nested. */
export function responseSchemaNames(document: OpenAPIObject): Set<string> {
  const schemas = (document.components?.schemas ?? {}) as Record<string, PropertySchema>;
  const reached = new Set<string>();
  const visit = (schema: PropertySchema | undefined): void => {
    if (!schema) return;
    if (schema.$ref?.startsWith(REF)) {
      const name = schema.$ref.slice(REF.length);
      if (reached.has(name)) return;
      reached.add(name);
      visit(schemas[name]);
      return;
    }
    visit(schema.items);
    Object.values(schema.properties ?? {}).forEach(visit);
    schema.allOf?.forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      for (const [status, response] of Object.entries(item[method]?.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        for (const media of Object.values((response as ResponseObject).content ?? {})) visit(media.schema as PropertySchema);
      }
    }
  }
  return reached;
}

const STRING_FORMATS = new Set(['date-time', 'date', 'uuid', 'uri', 'email']);

/**
 * Response properties a client cannot type precisely: timestamps (`…At`) without
 * `format: date-time`, string formats on another type, and closed sets (`channel`, `status`, `action`) without an enum.
 */
export function impreciseResponseProperties(document: OpenAPIObject): string[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, PropertySchema>;
  const found: string[] = [];
  for (const name of [...responseSchemaNames(document)].sort()) {
    for (const [property, schema] of Object.entries(schemas[name]?.properties ?? {})) {
      const value = schema.type === 'array' && schema.items ? schema.items : schema;
      if (value.$ref) continue;
      if (/At$/.test(property) && value.type === 'string' && value.format !== 'date-time') found.push(`${name}.${property}: date-time`);
      // A string format on another type: `@ApiProperty({ format })` on a `Date | null` property
      // is typed `object` from its reflected type, and a client would expect an object.
      if (value.format && STRING_FORMATS.has(value.format) && value.type !== 'string') found.push(`${name}.${property}: type string`);
      if (/^(channel|status|action)$/.test(property) && value.type === 'string' && !value.enum) found.push(`${name}.${property}: enum`);
    }
  }
  return found;
}

type Operation = OperationObject & { readonly 'x-service'?: string };

/** Every operation of the document, named `METHOD /path`. */
export function* operationsOf(document: OpenAPIObject): Generator<[string, Operation]> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      if (operation) yield [`${method.toUpperCase()} ${path}`, operation];
    }
  }
}

/** Operations a reader of the document would find unexplained: no summary, or no description. */
export function operationsWithoutProse(document: OpenAPIObject): string[] {
  return [...operationsOf(document)].flatMap(([name, operation]) => [
    ...(operation.summary?.trim() ? [] : [`${name}: summary`]),
    ...(operation.description?.trim() ? [] : [`${name}: description`]),
  ]);
}

/** POST operations whose document does not declare the Idempotency-Key header every POST honours. */
export function postsWithoutIdempotencyKey(document: OpenAPIObject): string[] {
  return [...operationsOf(document)]
    .filter(([name]) => name.startsWith('POST '))
    .filter(([, operation]) => !(operation.parameters ?? []).some((p) => 'name' in p && p.in === 'header' && p.name === 'Idempotency-Key'))
    .map(([name]) => name);
}

interface ExampleProblem {
  readonly status?: number;
  readonly code?: string;
  readonly errors?: readonly unknown[];
}

/**
 * Error responses whose example is not an answer of that status: a 404 documented with a 400's
 * body, a 400 without field errors, `default` with a 4xx, or none at all.
 */
export function wrongErrorExamples(document: OpenAPIObject): string[] {
  const wrong: string[] = [];
  for (const [name, operation] of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (/^[23]/.test(status)) continue;
      const media = (response as ResponseObject).content?.['application/problem+json'];
      if (!media) continue;
      const example = media.example as ExampleProblem | undefined;
      const expected = status === 'default' ? (s: number) => s >= 500 : (s: number) => s === Number(status);
      if (!example?.status || !expected(example.status) || !example.code) wrong.push(`${name} ${status}`);
      else if (status === '400' && !example.errors?.length) wrong.push(`${name} 400: no field errors`);
    }
  }
  return wrong;
}

/** `Schema.property` where a property with a default is also required, which a generated client would insist on. */
export function requiredDefaults(document: OpenAPIObject): string[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, { required?: string[]; properties?: Record<string, { default?: unknown }> }>;
  return Object.entries(schemas).flatMap(([name, schema]) =>
    (schema.required ?? []).filter((property) => schema.properties?.[property]?.default !== undefined).map((property) => `${name}.${property}`),
  );
}
