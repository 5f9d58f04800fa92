import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { GatewayConfig } from '@cs/config';
import { serviceOfPath } from '../routing/route-table';
import { mergeDocuments } from './merge-documents';
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

/**
 * Swagger UI at /docs and the whole API's document at /docs-json: the gateway's own operations
 * merged, on each request, with the documents the services serve (ADR 0023).
 */
export function installGatewayDocs(app: INestApplication, config: GatewayConfig, swaggerUi = true): void {
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
  const merged = async (): Promise<OpenAPIObject> => {
    const { parts, unavailable } = await fetchServiceDocuments(config.upstreams);
    return mergeDocuments({ base, parts, unavailable, routes: (path, service) => serviceOfPath(path) === service });
  };
  SwaggerModule.setup('docs', app, base, {
    ui: swaggerUi,
    jsonDocumentUrl: 'docs-json',
    raw: ['json'],
    patchDocumentOnRequest: () => merged(),
    swaggerOptions: { persistAuthorization: true },
  });
}
