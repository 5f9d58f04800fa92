import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';

/**
 * Runs the warm-up's `load` and, halfway through its `seconds`, gives the copy's tables the
 * statistics a running centre's database has. A copy starts empty, and Postgres first analyses a
 * table at autovacuum's first round after its growth (`autovacuum_naptime`, a minute): until then
 * every pooled connection runs the generic plans it made over tables of a few rows. In a soak,
 * intake's reads of a phone's holders scanned every customer for the load's first half-minute, a
 * follow-up's read of its caller about 5 ms each instead of 0.1–0.3 (ADR 0185). Halfway, so that
 * the plans every connection makes again afterwards are made under the warm-up's load, not the
 * measured one. A load that fails ends the wait; an analysis already under way runs to its end.
 */
export async function analyzedHalfwayThrough<T>(databaseUrl: string, seconds: number, load: Promise<T>): Promise<T> {
  const halfway = new AbortController();
  const analysed = sleep(seconds * 500, undefined, { signal: halfway.signal }).then(() => analyzeCopy(databaseUrl));
  try {
    const [loaded] = await Promise.all([load, analysed]);
    return loaded;
  } catch (error) {
    halfway.abort();
    throw error;
  }
}

/** `ANALYZE` of the copy's whole database, for a run without a warm-up to analyse in. */
export async function analyzeCopy(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    // Each table analysed invalidates the plans that read it, on every connection.
    await pool.query('ANALYZE');
  } finally {
    await pool.end();
  }
}
