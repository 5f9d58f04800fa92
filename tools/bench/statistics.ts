import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';

/**
 * Runs the warm-up's `load` and, halfway through its `seconds`, gives the copy's tables the
 * statistics a running centre's database has. A copy starts empty, and Postgres first analyses a
 * table within a minute of its growth (`autovacuum_naptime`): until then every pooled connection
 * runs the generic plans it made over tables of a few rows. In a soak, intake's read of a
 * follow-up's caller scanned every customer for that first minute, about 5 ms each instead of
 * 0.1 (ADR 0185). Halfway, so that the plans every connection makes again afterwards are made
 * under the warm-up's load, not the measured one.
 */
export async function analyzedHalfwayThrough<T>(databaseUrl: string, seconds: number, load: Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([load, sleep(seconds * 500).then(() => analyzeCopy(databaseUrl))]);
  return loaded;
}

async function analyzeCopy(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    // Each table analysed invalidates the plans that read it, on every connection.
    await pool.query('ANALYZE');
  } finally {
    await pool.end();
  }
}
