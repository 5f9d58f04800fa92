import type { EntityManager } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { CatalogueItem, activeOnly } from '../domain/catalogue';
import type { CatalogueRepository } from '../infrastructure/catalogue.repository';

/**
 * Refuses (422 naming `itemCode`) an item the catalogue retired, or never had: a ticket or a
 * schedule classified by it would be counted under an item nobody can find or choose. Answers
 * the item as the catalogue holds it.
 */
export async function assertActiveItem(catalogue: CatalogueRepository, tx: EntityManager, itemCode: string, errorCode: string): Promise<CatalogueItem> {
  const active = activeOnly(await catalogue.load(tx, { lock: false }));
  const found = active.sections.flatMap((section) => section.items).find((item) => item.code === itemCode);
  if (found) return found;
  throw new DomainError(errorCode, 'invalid', `unknown or inactive catalogue item "${itemCode}"`, 'itemCode', undefined, { code: 'unknown_reference' });
}
