import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import { PollingLoop } from '@cs/platform';
import type { Ticket } from '../domain/ticket';
import type { TicketRepository } from '../infrastructure/ticket.repository';

/** Tickets handled per pass; the next pass takes the rest. */
const BATCH = 20;

/**
 * Work that comes due per ticket (SLA timers, opinion deadlines), done every `intervalMs` on
 * every replica from bootstrap until shutdown. Each ticket is handled in one transaction with
 * its row locked (skipped while another replica or a request holds it) and its due rows
 * claimed there, so each fires once across replicas and restarts. A failed pass is logged and
 * retried on the next one: what is due stays due in its table.
 */
export abstract class DueWorkLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: PollingLoop;

  protected constructor(
    private readonly what: string,
    private readonly logger: Logger,
    private readonly intervalMs: () => number,
    protected readonly dataSource: DataSource,
    protected readonly tickets: TicketRepository,
  ) {}

  /** The tickets with something due at `now`, at most `limit`. */
  protected abstract ticketsWithDue(db: EntityManager, now: Date, limit: number): Promise<string[]>;

  /** Claims and fires what is due on the locked ticket; returns how many fired. */
  protected abstract fireOnLockedTicket(tx: EntityManager, ticket: Ticket, now: Date): Promise<number>;

  /** Fires what is due at `now`; returns how much fired. */
  async fireDue(now = new Date()): Promise<number> {
    let fired = 0;
    for (const ticketId of await this.ticketsWithDue(this.dataSource.manager, now, BATCH)) {
      fired += await this.dataSource.transaction(async (tx) => {
        const ticket = await this.tickets.tryLock(tx, ticketId);
        return ticket ? this.fireOnLockedTicket(tx, ticket, now) : 0;
      });
    }
    return fired;
  }

  onApplicationBootstrap(): void {
    this.loop = new PollingLoop(
      `firing ${this.what}`,
      async () => {
        await this.fireDue();
        return false;
      },
      this.intervalMs(),
      this.logger,
    );
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
