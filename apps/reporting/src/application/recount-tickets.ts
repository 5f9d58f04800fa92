import type { DataSource } from 'typeorm';
import { localMonthAround } from '../domain/period';
import { RollupDelta, countedNow, recount, recountMoves } from '../domain/ticket-rollup';
import { LIVE_TABLES, ProjectionTables } from '../infrastructure/projection-tables';
import { addToRollups } from '../infrastructure/rollups.repository';
import { RowCursor, firstCountedOtherwise, saveCounting, ticketFactsCountedOtherwise } from '../infrastructure/ticket-facts.repository';
import { countingCalendar } from './working-calendar';

/** Rows read and written per statement. */
const CHUNK = 5_000;

/**
 * Counts into the rollups, a local month at a time, every ticket counted by another calendar
 * version than the one in force (a new calendar changes working minutes and may move the local
 * day) or by none (rows from before the rollups, rows a rebuild replayed, rows written behind the
 * service's back). A month's tickets are recounted in one transaction with one netted change: a
 * month of tickets shares its cells, so a million tickets come to a few hundred thousand rows.
 * Rows another transaction holds are left for the next call.
 */
export async function recountTickets(dataSource: DataSource, tables: ProjectionTables = LIVE_TABLES): Promise<void> {
  const calendar = await countingCalendar(dataSource.manager);
  for (;;) {
    const first = await firstCountedOtherwise(dataSource.manager, calendar.version, tables);
    if (!first) return;
    const month = localMonthAround(first, calendar.timeZone);
    const recounted = await dataSource.transaction(async (tx) => {
      const delta = new RollupDelta();
      let after: RowCursor | undefined;
      let count = 0;
      for (;;) {
        const rows = await ticketFactsCountedOtherwise(tx, calendar.version, month, after, CHUNK, tables);
        const facts = rows.map((row) => {
          const now = recount(row, calendar);
          // A new calendar often leaves a ticket's minutes and day as they were: nothing moves.
          if (recountMoves(row.counted, now.fact.counted)) {
            delta.add(countedNow(row), -1);
            delta.add(now.counted, 1);
          }
          return now.fact;
        });
        await saveCounting(tx, facts, tables);
        count += rows.length;
        const last = rows[rows.length - 1];
        if (rows.length < CHUNK || !last) break;
        after = { openedAt: last.openedAt, ticketId: last.ticketId };
      }
      await addToRollups(tx, delta.cells(), tables);
      return count;
    });
    if (recounted === 0) return;
  }
}
