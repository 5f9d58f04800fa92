import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { LOGGER, METRICS, ProblemDetailsFilter, SERVICE_CONFIG, StreamOverflows, installRequestInput } from '@cs/platform';
import { buildHttpTestApp } from '@cs/testing';
import { LiveStreams, StreamSink } from '../application/live-streams';
import { ReadInbox } from '../application/read-inbox';
import type { Reader } from '../domain/audience';
import { NotificationsController } from './notifications.controller';

/** Where each stream opened was asked to start, and nothing more: the stream ends at once. */
class StartsOfStreams {
  readonly starts: (number | undefined)[] = [];

  open(_reader: unknown, sink: StreamSink, afterFeedSeq?: number): Promise<void> {
    this.starts.push(afterFeedSeq);
    sink.close();
    return Promise.resolve();
  }
}

/** The inbox marked all read, remembering for whom; what it leaves unread is what arrived meanwhile. */
class MarkedInbox {
  readonly markedFor: Reader[] = [];

  markAllRead(reader: Reader): Promise<void> {
    this.markedFor.push(reader);
    return Promise.resolve();
  }

  unreadCount(): Promise<number> {
    return Promise.resolve(2);
  }
}

let app: NestFastifyApplication;
const streams = new StartsOfStreams();
const inbox = new MarkedInbox();

beforeAll(async () => {
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [NotificationsController],
    providers: [
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: LOGGER, useValue: createLogger('notifications', 'silent') },
      { provide: METRICS, useValue: new ServiceMetrics('notifications') },
      StreamOverflows,
      { provide: ReadInbox, useValue: inbox },
      { provide: LiveStreams, useValue: streams },
      { provide: SERVICE_CONFIG, useValue: loadServiceConfig('notifications', { NODE_ENV: 'test' }) },
    ],
    configure: installRequestInput,
  });
});

afterAll(async () => {
  await app?.close();
});

async function open(query: string, headers: Record<string, string> = {}): Promise<{ status: number; start: number | undefined }> {
  const token = await signDevToken({ roles: 'supervisor', sub: 'sup-1', projects: ['P001'] }, DEV_JWT_SECRET);
  streams.starts.length = 0;
  const response = await app.inject({ method: 'GET', url: `/v1/notifications/stream${query}`, headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.statusCode, start: streams.starts[0] };
}

describe('GET /v1/notifications/stream, where it starts', () => {
  it('given ?lastEventId= empty, as an EventSource client that has received nothing passes it, then it is open from now, as with an empty Last-Event-ID', async () => {
    expect(await open('?lastEventId=')).toEqual({ status: 200, start: undefined });
    expect(await open('', { 'last-event-id': '' })).toEqual({ status: 200, start: undefined });
  });

  it('given ?lastEventId=42, then it resumes after 42; given the header too, the header wins', async () => {
    expect(await open('?lastEventId=42')).toEqual({ status: 200, start: 42 });
    expect(await open('?lastEventId=42', { 'last-event-id': '40' })).toEqual({ status: 200, start: 40 });
  });

  it('given ?lastEventId= that is no event id, then it is 400 naming lastEventId', async () => {
    const token = await signDevToken({ roles: 'supervisor', sub: 'sup-1', projects: ['P001'] }, DEV_JWT_SECRET);
    const response = await app.inject({ method: 'GET', url: '/v1/notifications/stream?lastEventId=abc', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'lastEventId' })] });
  });
});

describe('POST /v1/notifications/read-all', () => {
  it('given a token serving one project, then all is marked read for that reader as their token has them, and the answer is what is left unread', async () => {
    const token = await signDevToken({ roles: 'handler', sub: 'h-1', projects: ['P001'], department: 'engineering' }, DEV_JWT_SECRET);
    inbox.markedFor.length = 0;
    const response = await app.inject({ method: 'POST', url: '/v1/notifications/read-all', headers: { authorization: `Bearer ${token}` } });
    expect({ status: response.statusCode, body: response.json() }).toEqual({ status: 200, body: { unreadCount: 2 } });
    expect(inbox.markedFor).toEqual([{ sub: 'h-1', roles: ['handler'], department: 'engineering', projects: ['P001'] }]);
  });

  it('given no token, then it is 401 as problem+json and nothing is marked', async () => {
    inbox.markedFor.length = 0;
    const response = await app.inject({ method: 'POST', url: '/v1/notifications/read-all' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(inbox.markedFor).toEqual([]);
  });
});
