import type { EntityManager } from 'typeorm';
import { IdRow, selectRows } from '@cs/persistence';

/** Claims the report for generation; false when it was generated already. */
export async function claimReport(tx: EntityManager, id: string, kind: string, period: string, at: Date): Promise<boolean> {
  const rows = await selectRows(
    tx,
    IdRow,
    'INSERT INTO generated_reports (id, kind, period, generated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, period) DO NOTHING RETURNING id::text',
    [id, kind, period, at],
  );
  return rows.length === 1;
}
