import type { EntityManager } from 'typeorm';
import { IdRow, Queryable, selectRows } from '@cs/persistence';

/** Whether the report of that period was generated: looked up before composing one, which reads the whole period. */
export async function reportGenerated(db: Queryable, kind: string, period: string): Promise<boolean> {
  const rows = await selectRows(db, IdRow, 'SELECT id::text FROM generated_reports WHERE kind = $1 AND period = $2', [kind, period]);
  return rows.length > 0;
}

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
