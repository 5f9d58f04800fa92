import type { MixedList } from 'typeorm';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import type { PersistedClass } from '@cs/persistence';
import { throwawaySchema } from '@cs/testing';
import { MIGRATIONS as callbacks } from '../../apps/callbacks/src/infrastructure/migrations';
import { MIGRATIONS as intake } from '../../apps/intake/src/infrastructure/migrations';
import { MIGRATIONS as knowledge } from '../../apps/knowledge/src/infrastructure/migrations';
import { MIGRATIONS as notifications } from '../../apps/notifications/src/infrastructure/migrations';
import { MIGRATIONS as reporting } from '../../apps/reporting/src/infrastructure/migrations';
import { MIGRATIONS as tickets } from '../../apps/tickets/src/infrastructure/migrations';

const MIGRATIONS: Record<ServiceName, MixedList<PersistedClass>> = { intake, tickets, callbacks, knowledge, reporting, notifications };

/**
 * Plain btree indexes whose key columns lead another btree index of the same table, with the
 * same operator classes, collations and sort orders and the same condition: every read the first
 * serves, the second serves too, and each write keeps both. An index with INCLUDE columns or
 * expressions is left out (the other may not carry what it carries).
 */
const REDUNDANT = `
  SELECT t.relname AS "table", ia.relname AS "index", ib.relname AS "coveredBy"
    FROM pg_index a
    JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
    JOIN pg_class t ON t.oid = a.indrelid
    JOIN pg_class ia ON ia.oid = a.indexrelid
    JOIN pg_class ib ON ib.oid = b.indexrelid
    JOIN pg_am ama ON ama.oid = ia.relam
    JOIN pg_am amb ON amb.oid = ib.relam
   WHERE t.relnamespace = $1::regnamespace
     AND ama.amname = 'btree' AND amb.amname = 'btree'
     AND NOT a.indisunique
     AND a.indnatts = a.indnkeyatts AND b.indnkeyatts >= a.indnkeyatts
     AND a.indexprs IS NULL AND b.indexprs IS NULL
     AND pg_get_expr(a.indpred, a.indrelid) IS NOT DISTINCT FROM pg_get_expr(b.indpred, b.indrelid)
     AND (b.indkey::text || ' ') LIKE (a.indkey::text || ' %')
     AND (b.indclass::text || ' ') LIKE (a.indclass::text || ' %')
     AND (b.indcollation::text || ' ') LIKE (a.indcollation::text || ' %')
     AND (b.indoption::text || ' ') LIKE (a.indoption::text || ' %')
   ORDER BY 1, 2`;

describe.each(SERVICE_NAMES)('the %s schema', (service) => {
  it('has no index that another index of its table already covers', async () => {
    const db = await throwawaySchema(`indexes_${service}`, MIGRATIONS[service]);
    try {
      expect(await db.dataSource.query(REDUNDANT, [db.schema])).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
