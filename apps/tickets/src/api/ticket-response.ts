import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@cs/auth';
import { parseIfMatch, weakEtag } from '@cs/platform';
import { FindTickets } from '../application/find-tickets';
import { RunTicketCommand, TicketRequest } from '../application/run-ticket-command';
import type { Actor } from '../domain/ticket-access';
import { TicketView } from './ticket.view';

/** The caller in the terms the ticket's access rules read. */
export function actorOf(user: Principal): Actor {
  return { sub: user.sub, roles: user.roles, ...(user.department ? { department: user.department } : {}), ...(user.projects ? { projects: user.projects } : {}) };
}

/** Runs a person's request on a ticket and answers with the ticket as it now is, its history and its new ETag. */
@Injectable()
export class TicketResponder {
  constructor(
    private readonly find: FindTickets,
    private readonly run: RunTicketCommand,
  ) {}

  async act(id: string, user: Principal, ifMatch: string | undefined, reply: FastifyReply, request: TicketRequest): Promise<TicketView> {
    const actor = actorOf(user);
    await this.run.execute(id, actor, request, parseIfMatch(ifMatch, 'TICKET.BAD_IF_MATCH'));
    const found = await this.find.byId(id, actor);
    void reply.header('etag', weakEtag(found.ticket.version));
    return TicketView.of(found.ticket, found.clocks, found.history);
  }
}
