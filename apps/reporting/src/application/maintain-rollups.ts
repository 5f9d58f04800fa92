import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { localMonthAround } from '../domain/period';
import { RollupDelta, countedNow, recount, recountMoves } from '../domain/ticket-rollup';
import { addToRollups, foldRollups } from '../infrastructure/rollups.repository';
import { RowCursor, firstCountedOtherwise, saveCounting, takeRetractions, ticketFactsCountedOtherwise } from '../infrastructure/ticket-facts.repository';
import { countingCalendar } from './working-calendar';

/** Often enough that a read rarely sums more than a second of unfolded rows. */
const EVERY_MS = 1_000;
/** Rows read and written per statement. */
const CHUNK = 5_000;
/** Keys folded per statement. */
const FOLD_KEYS = 5_000;

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

  /**
   * Counts again, a local month at a time, every ticket counted by another calendar version or by
   * none. A month's tickets are recounted in one transaction with one netted change to the
   * rollups: a month of tickets shares its duration cells, so writing them once per month keeps
   * a backfill of a million tickets to a few hundred thousand cells.
   */
  private async recountAll(): Promise<void> {
    const calendar = await countingCalendar(this.dataSource.manager);
    for (;;) {
      const first = await firstCountedOtherwise(this.dataSource.manager, calendar.version);
      if (!first) return;
      const month = localMonthAround(first, calendar.timeZone);
      const recounted = await this.dataSource.transaction(async (tx) => {
        const delta = new RollupDelta();
        let after: RowCursor | undefined;
        let count = 0;
        for (;;) {
          const rows = await ticketFactsCountedOtherwise(tx, calendar.version, month, after, CHUNK);
          const recounted = rows.map((row) => {
            const now = recount(row, calendar);
            // A new calendar often leaves a ticket's minutes and day as they were: nothing moves.
            if (recountMoves(row.counted, now.fact.counted)) {
              delta.add(countedNow(row), -1);
              delta.add(now.counted, 1);
            }
            return now.fact;
          });
          await saveCounting(tx, recounted);
          count += rows.length;
          const last = rows[rows.length - 1];
          if (rows.length < CHUNK || !last) break;
          after = { openedAt: last.openedAt, ticketId: last.ticketId };
        }
        await addToRollups(tx, delta.cells());
        return count;
      });
      // What is left of the month is held by other transactions: the next pass takes it.
      if (recounted === 0) return;
    }
  }
}
