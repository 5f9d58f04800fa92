import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Provider, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { LOGGER, OUTBOX, ProblemDetailsFilter, installRequestInput } from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, throwawaySchema } from '@cs/testing';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { PiiCodec } from '../infrastructure/pii-codec';
import { throwawayPiiCodec } from '../infrastructure/pii/throwaway-pii-codec.support.spec';

/**
 * Intake's controller under test over HTTP, as a service serves it (dev tokens, problem+json, the
 * request input's checks), on a throwaway schema with its outbox and the customer and contact
 * repositories; the use cases the controller needs are given.
 */
export async function intakeHttpApp(schema: string, controller: Type, useCases: readonly Provider[]): Promise<{ db: ThrowawaySchema; app: NestFastifyApplication }> {
  const db = await throwawaySchema(schema, MIGRATIONS);
  const outbox = new OutboxWriter(db.schema, '/cs/intake');
  db.dataSource.subscribers.push(outbox.committed);
  const app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [controller],
    providers: [
      { provide: LOGGER, useValue: createLogger('intake', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: OUTBOX, useValue: outbox },
      { provide: PiiCodec, useValue: throwawayPiiCodec() },
      CustomerRepository,
      ContactRepository,
      ...useCases,
    ],
    configure: installRequestInput,
  });
  return { db, app };
}
