import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { RollupDelta, countedNow, recount } from '../domain/ticket-rollup';
import { addToRollups, foldRollups } from '../infrastructure/rollups.repository';
import { rollupsBehindTickets, saveCounting, takeRetractions, ticketFactsCountedOtherwise } from '../infrastructure/ticket-facts.repository';
import { countingCalendar } from './working-calendar';

/** Often enough that a read rarely sums more than a second of unfolded rows. */
const EVERY_MS = 1_000;
/** Rows per transaction: large enough to net many tickets' changes into few cells, small enough to hold locks briefly. */
const CHUNK = 2_000;
/** Keys folded per statement. */
const FOLD_KEYS = 5_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Keeps the rollups (ADR 0039) exact and cheap to read, on every replica (each step takes only
 * rows no other replica holds, and folding is safe twice over):
 * - takes away the share of ticket rows deleted by hand;
 * - counts again every ticket counted by another calendar version than the one in force (a new
 *   calendar changes working minutes and may change the local day) or never counted (rows from
 *   before the rollups), so reads can leave the ticket-by-ticket path;
 * - folds the ledgers' appended differences into one row per cell.
 */
@Injectable()
export class MaintainRollups extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('maintaining the reporting rollups', logger, EVERY_MS);
  }

  protected async pass(): Promise<void> {
    await this.catchUp();
  }

  /** Does everything due now; resolves when the rollups hold every ticket as the calendar in force counts it. */
  async catchUp(): Promise<void> {
    while ((await this.retract()) === CHUNK);
    await this.recountAll();
    while ((await foldRollups(this.dataSource.manager, FOLD_KEYS)) >= FOLD_KEYS);
  }

  private async retract(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const gone = await takeRetractions(tx, CHUNK);
      const delta = new RollupDelta();
      for (const fact of gone) delta.add(countedNow(fact), -1);
      await addToRollups(tx, delta.cells());
      return gone.length;
    });
  }

  private async recountAll(): Promise<void> {
    const calendar = await countingCalendar(this.dataSource.manager);
    if (!(await rollupsBehindTickets(this.dataSource.manager, calendar.version))) return;
    let after = FIRST_ID;
    for (;;) {
      const last = await this.dataSource.transaction(async (tx) => {
        const rows = await ticketFactsCountedOtherwise(tx, calendar.version, after, CHUNK);
        const delta = new RollupDelta();
        const recounted = rows.map((row) => {
          const now = recount(row, calendar);
          delta.add(countedNow(row), -1);
          delta.add(now.counted, 1);
          return now.fact;
        });
        await saveCounting(tx, recounted);
        await addToRollups(tx, delta.cells());
        return rows.length < CHUNK ? undefined : rows[rows.length - 1]?.ticketId;
      });
      if (last === undefined) return;
      after = last;
    }
  }
}
