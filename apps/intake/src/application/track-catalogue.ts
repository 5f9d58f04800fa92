import type { EntityManager } from 'typeorm';
import type { CatalogueChangedV1, EventData } from '@cs/contracts';
import type { DomainEvent } from '@cs/messaging';
import { advanceCatalogueVersion, replaceCatalogueItems } from '../infrastructure/catalogue-projection';

/**
 * Keeps intake's copy of the catalogue codes, which decides what item codes contacts may use.
 * Each event carries the whole list, so only the newest matters: an older or equal version,
 * redelivered or overtaken, changes nothing.
 */
export async function trackCatalogue(event: DomainEvent<EventData<typeof CatalogueChangedV1>>, tx: EntityManager): Promise<void> {
  if (!(await advanceCatalogueVersion(tx, event.data.version))) return;
  await replaceCatalogueItems(tx, event.data.items);
}
