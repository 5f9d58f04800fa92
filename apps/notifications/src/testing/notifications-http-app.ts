import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import type { RedisClient } from '@cs/persistence';
import { createValidationPipe, installRequestInput } from '@cs/platform';
import { type ThrowawaySchema, buildHttpTestApp } from '@cs/testing';
import { NotificationsController } from '../api/notifications.controller';
import { ReadInbox } from '../application/read-inbox';
import { TellStreamsRead } from '../application/tell-streams-read';
import { liveFeedProviders } from './live-feed-providers';

/** The inbox routes and their live stream behind the platform's real auth and validation, over the live feed on its own channel (`prefix`). */
export function notificationsHttpApp(db: ThrowawaySchema, redis: RedisClient, prefix: string): Promise<NestFastifyApplication> {
  return buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [NotificationsController],
    providers: [...liveFeedProviders(db, redis, prefix), TellStreamsRead, ReadInbox],
    pipes: [createValidationPipe()],
    configure: installRequestInput,
  });
}
