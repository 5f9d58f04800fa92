import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { CalendarReplica, DueWorkFailures, DueWorkPostponementRepository } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { CallbackDueRecount } from './callback-due-recount';
import { CallbackWriter } from './callback-writer';
import { FireCallbackDeadlines } from './fire-callback-deadlines';

let db: ThrowawaySchema;
let writer: CallbackWriter;
let metrics: ServiceMetrics;
const callbacks = new CallbackRepository();
const postponements = new DueWorkPostponementRepository();

const DUE = new Date('2026-10-12T09:30:00.000Z');
const AFTER = new Date('2026-10-13T01:00:00.000Z');

/** A key customer's callback of project `project`, due at DUE (plus `minutes`): its timer is the callback's own due time. */
async function dueCallback(project: string, minutes = 0): Promise<string> {
  const id = randomUUID();
  const dueAt = new Date(DUE.getTime() + minutes * 60_000);
  const task = { id, kind: 'key_customer' as const, method: 'phone' as const, customerId: randomUUID(), projectCode: project, dueAt, attemptsAllowed: 3, retrySpacingMinutes: 60, createdAt: new Date('2026-10-01T00:00:00.000Z') };
  await db.dataSource.transaction((tx) => writer.decideAndSave(tx, undefined, { action: 'schedule', task }, 'system', task.createdAt));
  return id;
}

function loop(): FireCallbackDeadlines {
  const silent = createLogger('callbacks', 'silent');
  const replica = new CalendarReplica(db.dataSource);
  const failures = new DueWorkFailures(db.dataSource, postponements, metrics, silent);
  const recount = new CallbackDueRecount(callbacks, replica, writer, silent);
  return new FireCallbackDeadlines(db.dataSource, callbacks, new CallbackTimerRepository(), writer, recount, failures, silent, loadServiceConfig('callbacks', { NODE_ENV: 'test' }));
}

const overdueOf = async (ids: readonly string[]) =>
  ((await db.dataSource.query(`SELECT message_key FROM ${db.schema}.outbox WHERE event_type = 'callback.overdue.v1' AND message_key = ANY($1)`, [ids])) as { message_key: string }[]).map(
    (r) => r.message_key,
  );

beforeAll(async () => {
  db = await throwawaySchema('callbacks_fire_deadlines', MIGRATIONS);
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 3600 } });
  writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, new MissedCallbacksRepository(), new OutboxWriter(db.schema, '/cs/callbacks'));
  metrics = new ServiceMetrics('callbacks');
});

afterAll(async () => {
  await db?.drop();
});

describe('callback deadlines due in a burst', () => {
  it('Given more callbacks overdue than a pass used to take (20), Then they all fire in one go: a full pass is followed at once, not after the poll interval', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1) ids.push(await dueCallback('P-BURST', i));
    const fire = loop();
    expect(await fire.fireDue(AFTER)).toBe(25);
    expect((await overdueOf(ids)).sort()).toEqual([...ids].sort());
    expect(await fire.fireDue(AFTER)).toBe(0);
    // A pass that locked a full batch says so, and the loop runs the next one at once.
    for (let i = 0; i < 3; i += 1) await dueCallback('P-BURST', 60 + i);
    const later = new Date(AFTER.getTime() + 3 * 3600_000);
    expect(await fire.pass(later, 2)).toEqual({ fired: 2, postponed: 0, full: true });
    expect(await fire.pass(later, 2)).toEqual({ fired: 1, postponed: 0, full: false });
  });
});

describe('a callback whose deadline cannot fire', () => {
  it('Given the first callback due breaking its event’s contract and one whose row cannot be read, Then the rest fire and both are held back with back-off, until mended', async () => {
    const poisoned = await dueCallback('P-POISON', -120);
    const unreadable = await dueCallback('P-POISON', -60);
    const good = [await dueCallback('P-POISON'), await dueCallback('P-POISON', 1), await dueCallback('P-POISON', 2)];
    // An assignee longer than callback.overdue allows: its event cannot be published.
    await db.dataSource.query(`UPDATE ${db.schema}.callbacks SET assignee = repeat('x', 65) WHERE id = $1`, [poisoned]);
    await db.dataSource.query(`UPDATE ${db.schema}.callbacks SET follow_ups = '[{"deadline": 1}]' WHERE id = $1`, [unreadable]);
    const fire = loop();

    // The counts are the schema's (other tests' callbacks among them): what is asserted is which of these fired.
    await fire.fireDue(AFTER);
    expect((await overdueOf([poisoned, unreadable, ...good])).sort()).toEqual([...good].sort());
    expect(await postponements.find(db.dataSource.manager, 'callback_deadlines', poisoned)).toEqual({ failures: 1, retryAt: new Date(AFTER.getTime() + 30_000) });
    expect(await postponements.find(db.dataSource.manager, 'callback_deadlines', unreadable)).toMatchObject({ failures: 1 });
    expect(await metrics.registry.getSingleMetricAsString('due_work_failures_total')).toContain('due_work_failures_total{work="callback_deadlines",service="callbacks"} 2');

    // Held back: a pass before its retry leaves it alone; mended, it fires at its retry and is forgotten.
    await fire.fireDue(new Date(AFTER.getTime() + 20_000));
    expect(await overdueOf([poisoned])).toEqual([]);
    await db.dataSource.query(`UPDATE ${db.schema}.callbacks SET assignee = NULL WHERE id = $1`, [poisoned]);
    await fire.fireDue(new Date(AFTER.getTime() + 31_000));
    expect(await overdueOf([poisoned])).toEqual([poisoned]);
    expect(await postponements.find(db.dataSource.manager, 'callback_deadlines', poisoned)).toBeUndefined();
    expect(await postponements.find(db.dataSource.manager, 'callback_deadlines', unreadable)).toMatchObject({ failures: 2 });
  });
});
