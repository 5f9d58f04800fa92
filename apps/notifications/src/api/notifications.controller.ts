import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentScope, CurrentUser, Principal, ProjectScope, ScopedByProject } from '@cs/auth';
import type { ServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { SERVICE_CONFIG, StreamOverflows, uuidParam } from '@cs/platform';
import { LiveStreams, UNREAD_REMEMBERED } from '../application/live-streams';
import { ReadInbox } from '../application/read-inbox';
import { AllReadView, InboxQuery, NotificationPage, NotificationView, StreamQuery } from './notification.dto';
import { readerOf } from './reader';
import { SseSink } from './sse-sink';

function lastEventIdOf(header: string | undefined, query: string | undefined): number | undefined {
  const raw = header ?? query;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new DomainError('NOTIFICATION.BAD_LAST_EVENT_ID', 'invalid', 'not an event id of this stream', 'Last-Event-ID');
  return Number(raw);
}

/**
 * 通知 — each user's notifications: those whose audience (roles, project, department) their
 * token matches. Another project's notification does not exist for them (404).
 */
/** One event of the stream as a client reads it: `data` is the notification as JSON. */
const SSE_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'the place on the stream, for Last-Event-ID' },
    event: { type: 'string', enum: ['notification', 'read'] },
    data: { type: 'string', description: 'for `notification`, the notification, as JSON; for `read`, `{"id": the notification’s id, "readAt": date-time}`' },
    retry: { type: 'integer', description: 'milliseconds before a client reconnects' },
  },
};

@ApiTags('notifications')
@ScopedByProject()
@Controller('v1/notifications')
export class NotificationsController {
  private readonly streamOverflowed: (unsentBytes: number) => void;

  constructor(
    private readonly inbox: ReadInbox,
    private readonly streams: LiveStreams,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    overflows: StreamOverflows,
  ) {
    this.streamOverflowed = overflows.of('notifications');
  }

  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first, cursor-paged; unread=true leaves out those you marked read' })
  @ApiOkResponse({ type: NotificationPage })
  async list(@Query() query: InboxQuery, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<NotificationPage> {
    const page = await this.inbox.page(readerOf(user, scope), { unreadOnly: query.unread === 'true', cursor: query.cursor, limit: query.limit ?? 50 });
    return { items: page.items.map(NotificationView.of), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), unreadCount: page.unreadCount };
  }

  @Get('stream')
  @ApiOperation({
    summary: 'Live notifications as server-sent events',
    description:
      'A `text/event-stream` of events `notification` (data: the notification as `GET /v1/notifications` lists it; id: its place on the stream), ' +
      'events `read` (data: `{"id", "readAt"}`, no id) when you mark read a notification this stream sent you unread (from another window, singly or by marking all read, or while it was on its way): show it read, ' +
      'and a heartbeat comment when idle. A notification you marked read before this stream sent it (marking all read included) comes read, with no `read`. Reconnect with `Last-Event-ID` to receive what was missed first. ' +
      `\`read\` is sent for the last ${UNREAD_REMEMBERED} notifications a stream sent you unread: marking all read sends it for those the marking covers (those of the projects and roles of the token it was made with); ` +
      `a stream resuming with \`Last-Event-ID\` first sends it for those of the last ${UNREAD_REMEMBERED} notifications up to that id (of this stream’s projects and roles) read since that id’s notification was recorded, and later for those read later; reload the list to show the others read. ` +
      'A second `read` of one notification (two markings whose messages crossed, or a resumed stream telling again what the connection before it told) carries the time the list shows: apply the last. ' +
      'Notifications come in the order of their ids, but one the service read late after missing it, which comes after later ones within seconds: order a list by `occurredAt`, and keep each `id` once.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'the id of the last event received; what came after it is sent first (empty, as a fresh EventSource sends it: from now)',
    schema: { type: 'string', pattern: '^\\d{0,15}$' },
  })
  @ApiOkResponse({ description: 'the stream, open until the client leaves, the token it was opened with expires (reconnect with a fresh one), or the client stops reading it (1 MiB behind); a resumed stream is also closed after replaying 5,000 missed notifications, or when 500 new ones arrive while its replay waits for a slow client (ADR 0179); Last-Event-ID resumes where it ended', content: { 'text/event-stream': { schema: SSE_EVENT_SCHEMA, example: 'id: 42\nevent: notification\ndata: {"id":"…","kind":"major_complaint",…,"read":false}\n\nevent: read\ndata: {"id":"…","readAt":"2026-10-08T02:20:00.000Z"}\n\n' } } })
  async stream(
    @Query() query: StreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentUser() user: Principal,
    @CurrentScope() scope: ProjectScope,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = lastEventIdOf(lastEventId, query.lastEventId);
    await this.streams.open(readerOf(user, scope), new SseSink(reply, this.config.notifications.streamHeartbeatMs, user.expiresAt, this.streamOverflowed), after);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark every notification you may see read, for you alone (全部已读)',
    description:
      'Every notification your token reaches now is read from now on, in every list and count; one you marked read before keeps its time. ' +
      'Notifications arriving afterwards, or reaching you only through a role or project given you later, are unread. Marking again with nothing new changes nothing.',
  })
  @ApiOkResponse({ type: AllReadView })
  async readAll(@CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<AllReadView> {
    const reader = readerOf(user, scope);
    await this.inbox.markAllRead(reader);
    return { unreadCount: await this.inbox.unreadCount(reader) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification read, for you alone; marking it again keeps the first time' })
  @ApiOkResponse({ type: NotificationView })
  async read(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<NotificationView> {
    return NotificationView.of(await this.inbox.markRead(id, readerOf(user, scope)));
  }
}
