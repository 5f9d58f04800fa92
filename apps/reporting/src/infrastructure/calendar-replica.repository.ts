import { Type } from '@sinclair/typebox';
import { Queryable, selectRow } from '@cs/persistence';

const ReplicaVersionRow = Type.Object({ version: Type.Integer(), publishedAt: Type.Date() });
const ReplicaRow = Type.Object({ version: Type.Integer(), publishedAt: Type.Date(), document: Type.Unknown() });

/** Which version of a calendar the replica holds (platform's `calendar_replicas`), without its document. */
export async function replicaVersion(db: Queryable, calendarId: string): Promise<{ version: number; publishedAt: Date } | undefined> {
  return selectRow(db, ReplicaVersionRow, 'SELECT version, published_at AS "publishedAt" FROM calendar_replicas WHERE calendar_id = $1', [
    calendarId,
  ]);
}

/** The calendar the replica holds, with its version. */
export async function replicaDocument(db: Queryable, calendarId: string): Promise<{ version: number; publishedAt: Date; document: unknown } | undefined> {
  return selectRow(
    db,
    ReplicaRow,
    'SELECT version, published_at AS "publishedAt", document FROM calendar_replicas WHERE calendar_id = $1',
    [calendarId],
  );
}
