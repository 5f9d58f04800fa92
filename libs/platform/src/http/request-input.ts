import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { installJsonBodyParser } from './json-body';
import { RejectUnacceptableTextPipe } from './request-text';
import { createValidationPipe } from './validation';

/**
 * How every service takes requests in: JSON bodies only (anything else is 415 rather than a
 * confusing validation error), bounded in depth, with text checked before the DTOs are validated.
 * Call before `app.init()`.
 */
export function installRequestInput(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodyParser(app, fastify.initialConfig.bodyLimit ?? 1024 * 1024);
  fastify.removeContentTypeParser('text/plain');
  app.useGlobalPipes(new RejectUnacceptableTextPipe(), createValidationPipe());
}
