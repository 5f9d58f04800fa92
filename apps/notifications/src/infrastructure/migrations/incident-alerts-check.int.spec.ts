import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { IncidentAlerts1765600000000 } from './1765600000000-incident-alerts';
import { IncidentAlertsCheckValidated1766510000000 } from './1766510000000-incident-alerts-check-validated';

/**
 * The subject check of incident alerts is added without reading the table under the lock of the
 * ALTER (a scan of every notification while none can be read or written), and validated after it.
 */
let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('notifications_incident_check', MIGRATIONS.slice(0, MIGRATIONS.indexOf(IncidentAlerts1765600000000)));
});

afterAll(async () => {
  await db?.drop();
});

async function checkValidated(): Promise<boolean | undefined> {
  const rows = (await db.dataSource.query(
    `SELECT c.convalidated FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = $1 AND t.relname = 'notifications' AND c.conname = 'notifications_subject_check'`,
    [db.schema],
  )) as { convalidated: boolean }[];
  return rows[0]?.convalidated;
}

async function ticketAlert(): Promise<void> {
  await db.dataSource.query(
    `INSERT INTO notifications (id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, roles, occurred_at)
     VALUES ($1, $2, 'escalated', 'TK escalated', $3, 'TK-20261204-000001', 'dispatched', '{supervisor}', now())`,
    [randomUUID(), randomUUID(), randomUUID()],
  );
}

describe('migrations 1765600000000 and 1766510000000 (the subject check of incident alerts)', () => {
  it('given ticket alerts recorded before, when the check is added, then it reads none of them and holds for every row written after; validated next, then it holds for all', async () => {
    await ticketAlert();
    await applyMigration(db, IncidentAlerts1765600000000);

    expect(await checkValidated()).toBe(false);
    // An incident alert naming no item breaks it.
    await expect(
      db.dataSource.query(
        `INSERT INTO notifications (id, source_event_id, kind, title, incident_id, incident_number, incident_status, project_code, roles, occurred_at)
         VALUES ($1, $2, 'incident_escalated', 'INC escalated', $3, 'INC-1', 'open', 'P1', '{supervisor}', now())`,
        [randomUUID(), randomUUID(), randomUUID()],
      ),
    ).rejects.toMatchObject({ code: '23514' });
    await ticketAlert();

    await applyMigration(db, IncidentAlertsCheckValidated1766510000000);
    expect(await checkValidated()).toBe(true);
  });

  it('given a schema whose check is valid already (it ran the migration when it validated the check as it added it), then validating it again changes nothing', async () => {
    expect(await checkValidated()).toBe(true);
    await applyMigration(db, IncidentAlertsCheckValidated1766510000000);
    expect(await checkValidated()).toBe(true);
  });
});
