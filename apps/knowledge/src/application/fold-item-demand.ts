import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER } from '@cs/platform';
import { foldDemand } from '../infrastructure/item-demand.repository';

/** Often enough that a read of the demand rarely sums more than a second of appended rows. */
const EVERY_MS = 1_000;
/** Items of a project folded per statement. */
const FOLD_KEYS = 1_000;

/** Folds the demand appended per ticket into one row per item and project, on every replica (folding twice is safe). */
@Injectable()
export class FoldItemDemand extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('folding the demand per catalogue item', logger, EVERY_MS);
  }

  /** Folds all that is appended now; the next poll starts at once while folds come full. */
  protected async poll(): Promise<boolean> {
    return (await foldDemand(this.dataSource.manager, FOLD_KEYS)) >= FOLD_KEYS;
  }
}
