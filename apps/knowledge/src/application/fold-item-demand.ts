import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { foldDemand } from '../infrastructure/item-demand.repository';

/** Often enough that a read of the demand rarely sums more than a second of appended rows. */
const EVERY_MS = 1_000;
/** Appended rows moved per statement. */
const FOLD_ROWS = 5_000;

/** Moves the demand appended per ticket into one row per item and project, on every replica (two folds at once take different rows). */
@Injectable()
export class FoldItemDemand extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('folding the demand per catalogue item', logger, EVERY_MS);
  }

  /** Folds what is appended now; the next poll starts at once while folds come full. */
  protected async poll(): Promise<boolean> {
    return (await foldDemand(this.dataSource.manager, FOLD_ROWS)) >= FOLD_ROWS;
  }
}
