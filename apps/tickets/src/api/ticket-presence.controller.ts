import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, ScopedByProject } from '@cs/auth';
import { ServerSentEvents, StreamOverflows, uuidParam } from '@cs/platform';
import { STREAM_VISIBILITY_MS, TicketPresence } from '../application/ticket-presence';
import { PRESENCE_TTL_SECONDS } from '../domain/ticket-presence';
import { actorOf } from './ticket-response';
import { PresenceHeartbeatDto, PresenceHeartbeatView, PresenceView } from './ticket-presence.dto';

/** An idle stream gets a comment this often, so proxies keep it open and the client notices a dead one. */
const STREAM_HEARTBEAT_MS = 15_000;

const PRESENCE_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    event: { type: 'string', enum: ['presence'] },
    data: { type: 'string', description: 'JSON `{ ticketId, presence: [{ userId, name, mode, since }] }`: everyone else on the ticket now' },
    retry: { type: 'integer', description: 'milliseconds before a client reconnects' },
  },
};

/**
 * 协同提示 — who else is viewing or editing a ticket, from heartbeats kept in Redis for
 * `PRESENCE_TTL_SECONDS`. Advice, not a lock: a second user's write still needs the current ETag.
 */
@ApiTags('tickets')
@ScopedByProject()
@Controller('v1/tickets')
export class TicketPresenceController {
  private readonly streamOverflowed: (unsentBytes: number) => void;

  constructor(
    private readonly presence: TicketPresence,
    overflows: StreamOverflows,
  ) {
    this.streamOverflowed = overflows.of('ticket_presence');
  }

  @Put(':id/presence')
  @ApiOperation({
    summary: 'Say you are viewing or editing the ticket (a heartbeat; repeat every ~10 s)',
    description:
      `Keeps you in the ticket’s presence list for ${PRESENCE_TTL_SECONDS} seconds and answers who else is on it. Others see your user id, ` +
      'display name, mode and since when, on `GET /v1/tickets/{id}` (`presence`) and its live stream. 503 when the presence store (Redis) is down.',
  })
  @ApiOkResponse({ type: PresenceHeartbeatView })
  async heartbeat(@Param('id', uuidParam('id')) id: string, @Body() body: PresenceHeartbeatDto, @CurrentUser() user: Principal): Promise<PresenceHeartbeatView> {
    const beat = await this.presence.heartbeat(id, actorOf(user), user.name, body.mode);
    return { presence: beat.others.map(PresenceView.of), expiresAt: beat.expiresAt.toISOString(), ttlSeconds: PRESENCE_TTL_SECONDS };
  }

  @Delete(':id/presence')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the ticket: you drop out of its presence list at once' })
  @ApiNoContentResponse({ description: 'gone from the list (also when you were not on it)' })
  async leave(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal): Promise<void> {
    await this.presence.leave(id, actorOf(user));
  }

  @Get(':id/presence/stream')
  @ApiOperation({
    summary: 'Who else is on the ticket, live, as server-sent events',
    description:
      'A `text/event-stream`: an event `presence` with everyone else on the ticket now, then again whenever that changes (someone arrives, ' +
      'switches between viewing and editing, leaves, or their heartbeat lapses), and a heartbeat comment when idle. Watching does not make ' +
      'you present: send `PUT /v1/tickets/{id}/presence` for that. Without Redis the list is empty.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'the stream, open until the client leaves, stops reading it (1 MiB behind), the token it was opened with expires (reconnect with a fresh one), or the reader may no longer see the ' +
      `ticket (checked every ${STREAM_VISIBILITY_MS / 1000} s: dispatched to another department, say; reconnecting is then 404)`,
    content: { 'text/event-stream': { schema: PRESENCE_EVENT_SCHEMA, example: 'event: presence\ndata: {"ticketId":"…","presence":[{"userId":"agent-8","name":"王客服","mode":"editing","since":"…"}]}\n\n' } },
  })
  async stream(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal, @Res() reply: FastifyReply): Promise<void> {
    await this.presence.watch(id, actorOf(user), () => {
      const events = ServerSentEvents.open(reply, STREAM_HEARTBEAT_MS, { overflowed: this.streamOverflowed });
      events.endAt(user.expiresAt);
      return {
        send: (others) => events.send('presence', { ticketId: id, presence: others.map(PresenceView.of) }),
        close: () => events.close(),
        onClose: (callback) => events.onClose(callback),
      };
    });
  }
}
