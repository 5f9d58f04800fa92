import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { allowEmptyOptionalQueryValues, closeRequestSchemas, optionalBodiesWithoutRequiredProperties } from './request-schemas';
import { documentValidationRules } from './document-validation-rules';
import { documentExactlyOneOf } from './exactly-one-of';
import { documentIdempotencyKeys } from './idempotency-keys';
import { documentNulRefusal } from './text-without-nul';
import { documentProblemResponses } from './problem-responses';
import { documentRouteFacts, routeFacts } from './route-facts';
import { documentProjectScoping } from '../project-scoping-check';
import { installPlainQueryParameters } from '../plain-query-parameters';

/**
 * The service's OpenAPI document: what Swagger's explorer finds, plus what the chassis
 * enforces on every route (validation rules, closed bodies, UUID parameters, public routes,
 * problem+json errors).
 */
export function buildOpenApiDocument(app: INestApplication, service: string, version: string): OpenAPIObject {
  const requestClasses = documentValidationRules();
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${service} service`)
      .setDescription(
        `REST API of the ${service} service of the customer-service center. Errors are RFC 9457 application/problem+json.`,
      )
      .setVersion(version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  const facts = routeFacts(app);
  return [
    (d: OpenAPIObject) => closeRequestSchemas(d, requestClasses),
    documentNulRefusal,
    documentExactlyOneOf,
    (d: OpenAPIObject) => optionalBodiesWithoutRequiredProperties(d, requestClasses),
    allowEmptyOptionalQueryValues,
    (d: OpenAPIObject) => documentRouteFacts(d, facts),
    documentProjectScoping(app),
    documentIdempotencyKeys,
    // After the route facts and the headers: which operations read If-Match decides where 412 is
    // documented, the roles allowed go into the 403 example.
    documentProblemResponses,
  ].reduce((d, step) => step(d), generated);
}

/** OpenAPI document at /docs-json and Swagger UI at /docs. */
export function installOpenApi(app: INestApplication, service: string, version: string): void {
  const document = buildOpenApiDocument(app, service, version);
  // What the document declares of each query parameter decides which values a problem's instance shows.
  installPlainQueryParameters(app.getHttpAdapter().getInstance() as FastifyInstance, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
}
