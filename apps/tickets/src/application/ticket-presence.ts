import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { resultWithin } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { LOGGER } from '@cs/platform';
import type { Ticket } from '../domain/ticket';
import { Actor, canSee } from '../domain/ticket-access';
import { Presence, PresenceMode, heartbeat, othersPresent, samePresence } from '../domain/ticket-presence';
import { PresenceStore } from '../infrastructure/presence-store';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** A presence read slower than this is given up: the ticket is shown without it. */
const READ_TIMEOUT_MS = 1_000;
/** How often an open stream looks again, so people whose heartbeats stopped drop out of it. */
const STREAM_REFRESH_MS = 5_000;
/**
 * How often the open streams are checked against who may see their tickets (dispatched to another
 * department, out of the reader's projects): one read of every watched ticket per round, however many streams,
 * so a reader who lost the ticket stops watching within this time, not when their token expires.
 */
export const STREAM_VISIBILITY_MS = 15_000;

/** Where a live stream's presence lists go: the HTTP side writes them as server-sent events. */
export interface PresenceSink {
  send(others: readonly Presence[]): void;
  close(): void;
  onClose(callback: () => void): void;
}

/**
 * 协同提示 — who else has a ticket open, so two people do not work the same ticket unawares.
 * Presence is advice, not a lock: a write by a second user is still decided by `If-Match`.
 * Only people who may see the ticket may announce themselves on it or watch it.
 */
@Injectable()
export class TicketPresence implements BeforeApplicationShutdown {
  private readonly streams = new Map<PresenceSink, { readonly ticketId: string; readonly actor: Actor }>();
  private visibilityTimer: NodeJS.Timeout | undefined;
  /** Shutdown closed every stream: one whose opening was still reading its ticket is closed as it opens. */
  private shutDown = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly store: PresenceStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A heartbeat: the caller is on the ticket in this mode for the TTL; answers who else is. Redis down is 503. */
  async heartbeat(id: string, actor: Actor, name: string, mode: PresenceMode, now = new Date()): Promise<{ others: Presence[]; expiresAt: Date }> {
    const ticketId = await this.visibleId(id, actor);
    const entries = await this.store.read(ticketId);
    const mine = heartbeat(
      entries.find((e) => e.userId === actor.sub),
      { userId: actor.sub, name },
      mode,
      now,
    );
    await this.store.write(ticketId, mine, now);
    return { others: othersPresent(entries, actor.sub, now), expiresAt: mine.expiresAt };
  }

  async leave(id: string, actor: Actor): Promise<void> {
    const ticketId = await this.visibleId(id, actor);
    await this.store.remove(ticketId, actor.sub);
  }

  /** Who else is on the ticket; without Redis, nobody (the ticket is read all the same). */
  async othersOn(ticketId: string, viewerId: string, now = new Date()): Promise<Presence[]> {
    if (!this.store.available) return [];
    try {
      return othersPresent(await resultWithin(this.store.read(ticketId), READ_TIMEOUT_MS, () => new Error(`presence read took longer than ${READ_TIMEOUT_MS} ms`)), viewerId, now);
    } catch (error) {
      this.logger.warn({ err: error, ticketId }, 'ticket presence unavailable: shown without it');
      return [];
    }
  }

  /**
   * A live stream of who else is on the ticket: the list now, then again whenever it changes
   * (a heartbeat in another mode, someone arriving or leaving on any replica, an entry expiring).
   * The sink is opened only once the caller may see the ticket, so a refusal is still a 404.
   */
  async watch(id: string, actor: Actor, openSink: () => PresenceSink): Promise<void> {
    const ticketId = await this.visibleId(id, actor);
    const sink = openSink();
    // Kept open, the HTTP server would wait for it until the forced exit; closed, its client reconnects to a replica that is up.
    if (this.shutDown) {
      sink.close();
      return;
    }
    this.streams.set(sink, { ticketId, actor });
    this.visibilityTimer ??= setInterval(() => void this.recheckVisibility(), STREAM_VISIBILITY_MS).unref();
    let last: Presence[] | undefined;
    let queue = Promise.resolve();
    const refresh = () => {
      queue = queue.then(async () => {
        const others = await this.othersOn(ticketId, actor.sub);
        if (last && samePresence(last, others)) return;
        last = others;
        sink.send(others);
      });
    };
    const stopListening = this.store.listen((changed) => {
      if (changed === ticketId) refresh();
    });
    const timer = setInterval(refresh, STREAM_REFRESH_MS);
    sink.onClose(() => {
      this.streams.delete(sink);
      stopListening();
      clearInterval(timer);
      if (this.streams.size === 0) this.stopRechecking();
    });
    refresh();
    await queue;
  }

  /**
   * Closes each open stream whose reader may no longer see its ticket, as a request would be
   * refused now; the client's reconnection is then a 404. With Postgres lost the streams are
   * kept and checked at the next round, as the presence they show is advice.
   */
  async recheckVisibility(): Promise<void> {
    const watched = [...this.streams];
    if (watched.length === 0) return;
    let tickets: Map<string, Ticket>;
    try {
      tickets = await this.tickets.findAll(this.dataSource.manager, [...new Set(watched.map(([, { ticketId }]) => ticketId))]);
    } catch (error) {
      this.logger.warn({ err: error, streams: watched.length }, 'ticket presence streams not checked against who may see their tickets: checked at the next round');
      return;
    }
    for (const [sink, { ticketId, actor }] of watched) {
      const ticket = tickets.get(ticketId);
      if (!ticket || !canSee(actor, ticket)) sink.close();
    }
  }

  /** Open streams never end by themselves; they are closed before the HTTP server waits for them. */
  beforeApplicationShutdown(): void {
    this.shutDown = true;
    this.streams.forEach((_, sink) => sink.close());
    this.streams.clear();
    this.stopRechecking();
  }

  private stopRechecking(): void {
    clearInterval(this.visibilityTimer);
    this.visibilityTimer = undefined;
  }

  /**
   * The ticket's id as the database spells it, once the caller may see it: a uuid is the same in
   * any letter case, and presence is kept under one spelling, or a desk sending capitals would be
   * on a list of its own.
   */
  private async visibleId(ticketId: string, actor: Actor): Promise<string> {
    const ticket = await this.tickets.find(this.dataSource.manager, ticketId);
    if (!ticket || !canSee(actor, ticket)) throw new DomainError('TICKET.NOT_FOUND', 'not_found', `ticket ${ticketId} not found`);
    return ticket.id;
  }
}
