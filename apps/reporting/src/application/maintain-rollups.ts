import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { RollupDelta, countedNow } from '../domain/ticket-rollup';
import { addToRollups, foldRollups } from '../infrastructure/rollups.repository';
import { takeRetractions } from '../infrastructure/ticket-facts.repository';
import { recountTickets } from './recount-tickets';

/** Often enough that a read rarely sums more than a second of unfolded rows. */
const EVERY_MS = 1_000;
/** Retracted rows taken per transaction. */
const CHUNK = 5_000;
/** Keys folded per statement. */
const FOLD_KEYS = 5_000;

/**
 * Keeps the rollups (ADR 0039) exact and cheap to read, on every replica (each step takes only
 * rows no other replica holds, and folding is safe twice over):
 * - takes away the share of ticket rows deleted by hand;
 * - counts again every ticket counted by another calendar version than the one in force, or by
 *   none ({@link recountTickets}), so reads can leave the ticket-by-ticket path;
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

  protected poll(): Promise<void> {
    return this.catchUp();
  }

  /** Does everything due now; resolves when the rollups hold every ticket as the calendar in force counts it. */
  async catchUp(): Promise<void> {
    while ((await this.retract()) === CHUNK);
    await recountTickets(this.dataSource);
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
}
