import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { execute, selectRows } from '@cs/persistence';

const VersionRow = Type.Object({ version: Type.Integer() });

export interface ProjectedCatalogueItem {
  readonly code: string;
  readonly sectionCode: string;
  readonly active: boolean;
}

/**
 * Moves the projection to `version` if it is newer than what is held, and says whether it did.
 * The row lock makes concurrent deliveries queue: a later one re-reads the committed version.
 */
export async function advanceCatalogueVersion(tx: EntityManager, version: number): Promise<boolean> {
  // Wrapped in a SELECT because TypeORM answers a bare UPDATE … RETURNING with [rows, count].
  const rows = await selectRows(
    tx,
    VersionRow,
    `WITH advanced AS (
       UPDATE catalogue_projection_version SET version = $1, updated_at = now() WHERE version < $1 RETURNING version
     ) SELECT version FROM advanced`,
    [version],
  );
  return rows.length > 0;
}

/**
 * Makes intake's copy equal to the full item list: unknown codes are added, known ones
 * updated, and any code the list no longer names is treated as retired rather than deleted,
 * since old contacts still refer to it.
 */
export async function replaceCatalogueItems(tx: EntityManager, items: readonly ProjectedCatalogueItem[]): Promise<void> {
  const codes = items.map((i) => i.code);
  await execute(
    tx,
    `INSERT INTO catalogue_items (code, section_code, active)
     SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
     ON CONFLICT (code) DO UPDATE SET section_code = excluded.section_code, active = excluded.active
       WHERE (catalogue_items.section_code, catalogue_items.active) IS DISTINCT FROM (excluded.section_code, excluded.active)`,
    [codes, items.map((i) => i.sectionCode), items.map((i) => i.active)],
  );
  await execute(tx, 'UPDATE catalogue_items SET active = false WHERE active AND NOT (code = ANY($1::text[]))', [codes]);
}
