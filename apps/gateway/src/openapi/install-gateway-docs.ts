import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { GatewayConfig } from '@cs/config';
import { serviceOfPath } from '../routing/route-table';
import { mergeDocuments } from './merge-documents';
import { MergedDocument } from './merged-document';
import { fetchServiceDocuments } from './upstream-documents';

function authorizeDescription(config: GatewayConfig): string {
  const lifetime = `Tokens live at most JWT_MAX_LIFETIME_SECONDS (now ${config.devTokens.maxLifetimeSeconds} s).`;
  if (!config.devTokens.enabled) return `A bearer JWT from the identity provider. ${lifetime}`;
  return [
    'Development sign-in: call `POST /v1/dev/token` below (Try it out) with the roles and projects you want, e.g.',
    '`{"roles":["agent"],"projects":["P001"]}`, copy `token` from the answer and paste it here.',
    'From a shell: `node dist/libs/auth/src/cli/dev-token.js --role agent`.',
    `Dev tokens are HS256-signed with JWT_SECRET (its development default is in libs/config/src/environment.ts). ${lifetime}`,
  ].join(' ');
}

export interface GatewayDocument {
  /** The gateway's own operations and security schemes, which the services' documents are merged into. */
  readonly base: OpenAPIObject;
  readonly merged: MergedDocument;
}

/**
 * The whole API's document: the gateway's own operations merged with the documents the services
 * serve (ADR 0023), asked for again every few seconds at most (ADR 0096). `clock` counts its ages
 * in milliseconds; tests step their own.
 */
export function gatewayDocument(app: INestApplication, config: GatewayConfig, clock?: { now(): number }): GatewayDocument {
  const base = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Customer-service center API')
      .setDescription(
        'Every service’s `/v1` API under one origin. Each operation names its service in `x-service`. Errors are RFC 9457 application/problem+json; field messages follow Accept-Language (zh-CN or en).',
      )
      .setVersion(config.version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: authorizeDescription(config) }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
  );
  const merged = new MergedDocument(async () => {
    const { parts, unavailable } = await fetchServiceDocuments(config.upstreams);
    const document = mergeDocuments({ base, parts, unavailable, routes: (path, service) => serviceOfPath(path) === service });
    return { document, complete: unavailable.length === 0 };
  }, clock);
  return { base, merged };
}

export interface GatewayDocsOptions {
  /** Swagger UI's pages besides the JSON document. */
  readonly swaggerUi?: boolean;
}

/** Swagger UI at /docs and the whole API's document at /docs-json. */
export function installGatewayDocs(app: INestApplication, { base, merged }: GatewayDocument, { swaggerUi = true }: GatewayDocsOptions = {}): void {
  SwaggerModule.setup('docs', app, base, {
    ui: swaggerUi,
    jsonDocumentUrl: 'docs-json',
    raw: ['json'],
    patchDocumentOnRequest: (): Promise<OpenAPIObject> => merged.current(),
    swaggerOptions: { persistAuthorization: true },
  });
}
