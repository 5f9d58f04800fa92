import { Type } from '@sinclair/typebox';
import pLimit from 'p-limit';
import { selectRow } from '@cs/persistence';
import type { DataSource, EntityManager } from 'typeorm';

const SnapshotRow = Type.Object({ id: Type.String() });

/** Runs one part of a snapshot read on a connection of its own, in the read's snapshot. */
export type Alongside = <T>(part: (db: EntityManager) => Promise<T>) => Promise<T>;

/** pg's own default when the data source names no pool size. */
const PG_DEFAULT_POOL_SIZE = 10;

/** A snapshot id as `pg_export_snapshot()` gives it (hexadecimal parts joined by dashes); it is written into SQL, so nothing else passes. */
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/i;

/** pg's own default when the data source names no connect timeout (it waits for ever). */
const NO_CONNECT_TIMEOUT = 0;

/** A number pg's pool options hold (`max`, `connectionTimeoutMillis`), when the data source gives one. */
function poolOption(dataSource: DataSource, name: string, otherwise: number): number {
  const extra: unknown = dataSource.options.extra;
  const value: unknown = typeof extra === 'object' && extra !== null && name in extra ? (extra as Record<string, unknown>)[name] : undefined;
  return typeof value === 'number' ? value : otherwise;
}

/**
 * Reads of one consistent snapshot whose slow parts run side by side instead of one after
 * another: `read` opens a REPEATABLE READ transaction, and `alongside` runs a part of the read on
 * a second pooled connection in a read-only transaction that imports the first one's snapshot
 * (`pg_export_snapshot`, `SET TRANSACTION SNAPSHOT`), so it sees exactly the rows the first sees.
 *
 * A read holds a connection while it waits for a second; were every connection of the pool held
 * by such a read, none would get its second. So at most pool size − 1 of these reads run at once
 * (others wait for their turn before taking any connection), and with a pool of one a part runs
 * in the read's own transaction. A read waits for its turn no longer than the pool lets a query
 * wait for a connection, and then fails as that query would (a dependency failure: 503 with
 * Retry-After). The read waits for its parts before it ends, so a part never outlives the
 * snapshot it imported, even when the read throws.
 */
export class SnapshotReads {
  private readonly turns: ReturnType<typeof pLimit> | undefined;
  private readonly waitMs: number;

  constructor(private readonly dataSource: DataSource) {
    const size = poolOption(dataSource, 'max', PG_DEFAULT_POOL_SIZE);
    this.turns = size > 1 ? pLimit(size - 1) : undefined;
    this.waitMs = poolOption(dataSource, 'connectionTimeoutMillis', NO_CONNECT_TIMEOUT);
  }

  /** `withParts` false: a read that will run nothing alongside, which needs neither a turn nor an exported snapshot. */
  read<T>(work: (tx: EntityManager, alongside: Alongside) => Promise<T>, withParts = true): Promise<T> {
    const turns = this.turns;
    if (!turns || !withParts) return this.dataSource.transaction('REPEATABLE READ', (tx) => work(tx, (part) => part(tx)));
    return new Promise<T>((resolve, reject) => {
      let state: 'queued' | 'started' | 'given up' = 'queued';
      const timer =
        this.waitMs > 0
          ? setTimeout(() => {
              if (state !== 'queued') return;
              state = 'given up';
              reject(new Error(`timeout exceeded when trying to connect: every snapshot read the pool allows was running for ${this.waitMs} ms`));
            }, this.waitMs)
          : undefined;
      void turns(async () => {
        clearTimeout(timer);
        if (state === 'given up') return;
        state = 'started';
        try {
          resolve(await this.inTurn(work));
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private inTurn<T>(work: (tx: EntityManager, alongside: Alongside) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      // Exported before the read's own statements, which would otherwise queue ahead of it.
      const snapshot = await exportedSnapshot(tx);
      // Parts run one after another, so a read never holds more than two connections.
      let last: Promise<unknown> = Promise.resolve();
      const alongside: Alongside = (part) => {
        const done = last.then(() => this.inSnapshot(snapshot, part));
        last = done.catch(() => undefined);
        return done;
      };
      try {
        return await work(tx, alongside);
      } finally {
        await last;
      }
    });
  }

  private async inSnapshot<T>(snapshot: string, part: (db: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // One round trip: a query without parameters goes as a simple query, which may hold two statements.
      await runner.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${snapshot}'`);
      const result = await part(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

async function exportedSnapshot(tx: EntityManager): Promise<string> {
  const row = await selectRow(tx, SnapshotRow, 'SELECT pg_export_snapshot() AS id');
  if (!row || !SNAPSHOT_ID.test(row.id)) throw new Error(`pg_export_snapshot() gave no snapshot id: ${row?.id}`);
  return row.id;
}
