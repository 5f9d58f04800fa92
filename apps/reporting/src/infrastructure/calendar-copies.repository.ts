import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Queryable, execute, selectRow } from '@cs/persistence';

/** Keeps the latest version of each business calendar; an older version arriving late changes nothing. */
export async function saveCalendarCopy(tx: EntityManager, id: string, version: number, document: unknown): Promise<void> {
  await execute(
    tx,
    `INSERT INTO calendar_copies (id, version, document) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, document = EXCLUDED.document WHERE calendar_copies.version < EXCLUDED.version`,
    [id, version, JSON.stringify(document)],
  );
}

const CalendarRow = Type.Object({ document: Type.Unknown() });

export async function findCalendarCopy(db: Queryable, id: string): Promise<unknown> {
  return (await selectRow(db, CalendarRow, 'SELECT document FROM calendar_copies WHERE id = $1', [id]))?.document;
}
