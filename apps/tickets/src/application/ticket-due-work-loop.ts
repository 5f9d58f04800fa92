import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@cs/observability';
import { answeredTogether } from '@cs/persistence';
import { type DueWorkFailures, DueWorkLoop } from '@cs/platform';
import type { Ticket } from '../domain/ticket';
import type { TicketCommandData } from '../domain/ticket-commands';
import type { DueWork } from '../infrastructure/due-work.repository';
import type { TicketRepository } from '../infrastructure/ticket.repository';
import type { RunTicketCommand } from './run-ticket-command';

/**
 * Due rows of tickets (SLA timers, opinion deadlines): the rows claimed on each locked ticket
 * become one system command on it, and the whole batch is decided and saved together. `Batch` is
 * what the commands need beyond their rows, read once per batch in its transaction.
 */
export abstract class TicketDueWorkLoop<Claimed, Batch = void> extends DueWorkLoop<Ticket> {
  protected constructor(
    work: DueWork,
    logger: Logger,
    intervalMs: number,
    dataSource: DataSource,
    failures: DueWorkFailures,
    private readonly tickets: TicketRepository,
    private readonly run: RunTicketCommand,
  ) {
    super(work, logger, intervalMs, dataSource, failures);
  }

  /** Marks the locked tickets' due rows fired, in the caller's transaction; what each ticket had due, by ticket id. */
  protected abstract claim(tx: EntityManager, ticketIds: readonly string[], now: Date): Promise<Map<string, Claimed[]>>;

  /**
   * What every command of a batch that claimed rows needs beyond them, read in the batch's
   * transaction together with the claim (ADR 0191: it opens no savepoint); `now` is the batch's time.
   */
  protected abstract batch(tx: EntityManager, now: Date): Promise<Batch>;

  /** The system command that fires a ticket's claimed rows. */
  protected abstract command(claimed: readonly Claimed[], ticketId: string, batch: Batch): TicketCommandData;

  protected lock(tx: EntityManager, ids: readonly string[], limit: number): Promise<Ticket[]> {
    return this.tickets.tryLockAll(tx, ids, limit);
  }

  protected async fireLocked(tx: EntityManager, tickets: readonly Ticket[], now: Date): Promise<number> {
    // Read together (ADR 0191): the tickets were locked for rows due, so the batch's read is seldom for nothing.
    const [due, batch] = await answeredTogether(tx, () => [this.claim(tx, tickets.map((t) => t.id), now), this.batch(tx, now)]);
    const claimed = tickets.flatMap((before) => {
      const rows = due.get(before.id);
      return rows ? [{ before, rows }] : [];
    });
    if (claimed.length === 0) return 0;
    await this.run.decideAndSaveAll(tx, claimed.map(({ before, rows }) => ({ before, data: this.command(rows, before.id, batch), by: 'system' })), now);
    return claimed.reduce((n, c) => n + c.rows.length, 0);
  }
}
