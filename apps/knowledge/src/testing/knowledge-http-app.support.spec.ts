import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET, Role, signDevToken } from '@cs/auth';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica, LOGGER, OUTBOX, ProblemDetailsFilter, REDIS, createValidationPipe } from '@cs/platform';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { InjectedResponse, ThrowawaySchema, buildHttpTestApp, throwawaySchema } from '@cs/testing';
import { AnswersController } from '../api/answers.controller';
import { ReplyDraftsController } from '../api/reply-drafts.controller';
import { ChangeNoticesController } from '../api/change-notices.controller';
import { CustomerEventsController } from '../api/customer-events.controller';
import { GapsController } from '../api/gaps.controller';
import { SuggestionsController } from '../api/suggestions.controller';
import { SynonymsController } from '../api/synonyms.controller';
import { TicketEventsController } from '../api/ticket-events.controller';
import { MIGRATIONS } from '../infrastructure/migrations';
import { KNOWLEDGE_PROVIDERS } from '../knowledge.providers';

export interface KnowledgeHttpApp {
  readonly app: NestFastifyApplication;
  readonly db: ThrowawaySchema;
  readonly redis: RedisClient;
  close(): Promise<void>;
}

/** The knowledge controllers with the platform's real auth, validation and problem filter, on a schema of their own and a real Redis. */
export async function knowledgeHttpApp(prefix: string, redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'): Promise<KnowledgeHttpApp> {
  const db = await throwawaySchema(prefix, MIGRATIONS);
  const redis = createRedisClient(redisUrl, prefix);
  // A Redis that is down never connects; the app must work without it, so wait only briefly.
  await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);
  const app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [ChangeNoticesController, ReplyDraftsController, AnswersController, SynonymsController, GapsController, SuggestionsController, TicketEventsController, CustomerEventsController],
    providers: [
      { provide: LOGGER, useValue: createLogger('knowledge', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: OUTBOX, useValue: new OutboxWriter(db.schema, '/cs/knowledge') },
      { provide: REDIS, useValue: redis },
      CalendarReplica,
      ...KNOWLEDGE_PROVIDERS,
    ],
    pipes: [createValidationPipe()],
  });
  return {
    app,
    db,
    redis,
    close: async () => {
      await app.close();
      destroyRedisClient(redis);
      await db.drop();
    },
  };
}

export interface Caller {
  readonly role: Role;
  readonly sub: string;
  readonly projects?: string[];
}

/** A JSON request as the given user. */
export async function callAs(
  app: NestFastifyApplication,
  who: Caller,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<InjectedResponse> {
  const token = await signDevToken({ roles: who.role, sub: who.sub, ...(who.projects ? { projects: who.projects } : {}) }, DEV_JWT_SECRET);
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.body ? response.json<Record<string, unknown>>() : {} };
}
