import { randomUUID } from 'node:crypto';
import type { Queryable } from '@cs/persistence';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
import { CallbackPlanRepository } from './callback-plan.repository';
import { CallbackTimerRepository } from './callback-timer.repository';
import { CallbackRepository } from './callback.repository';
import { forgetWhatCustomerSaid, moveCustomerCopies } from './customer-copies';
import { MIGRATIONS } from './migrations';
import { MissedCallbacksRepository } from './missed-callbacks.repository';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('callbacks_indexes', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

/**
 * How Postgres would run the statement `run` sends that `matching` picks, with sequential scans
 * priced out: the tables of a test hold a handful of rows, and the planner rightly reads them
 * whole. What is asked is whether an index can serve the statement at all.
 */
async function planOf(run: (db: Queryable) => Promise<unknown>, matching: RegExp): Promise<string> {
  const { db: recording, statements } = recordingQueries(db.dataSource);
  await run(recording);
  const statement = statements.find((s) => matching.test(s.sql));
  if (!statement) throw new Error(`no statement matching ${matching}`);
  return planWithoutSequentialScans(db.dataSource, statement);
}

describe('the statements callbacks run most', () => {
  it('Given a callback changing, Then its unfired timers are deleted through their index by callback, not by reading every timer', async () => {
    const plan = await planOf((q) => new CallbackTimerRepository().replan(q, randomUUID(), []), /^DELETE FROM callback_timers/);
    expect(plan).toMatch(/Index Scan using callback_timers_unfired_callback_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('Given a plan running, Then its project’s customers are found through the projects’ GIN index, and those it still has an open callback for through its open callbacks', async () => {
    const explained = await planOf((q) => new CallbackPlanRepository().selection(q, { id: randomUUID(), projectCode: 'P001', tags: ['vip'] }), /FROM plan_customers/);
    expect(explained).toMatch(/Bitmap Index Scan on plan_customers_projects_idx/);
    expect(explained).toMatch(/Index (Only )?Scan using callbacks_open_by_plan_idx/);
    expect(explained).not.toMatch(/Seq Scan/);
  });

  it('Given a plan stopped, Then its open callbacks are found through the index of open callbacks by plan, not by reading every callback', async () => {
    const explained = await planOf((q) => new CallbackPlanRepository().openTasks(q, randomUUID()), /FROM callbacks/);
    expect(explained).toMatch(/Index (Only )?Scan using callbacks_open_by_plan_idx/);
    expect(explained).not.toMatch(/Seq Scan/);
  });

  it('Given the walk after a calendar change, Then the callbacks still due without a basis are found through their partial index, not among every callback due', async () => {
    const plan = await planOf((q) => new CallbackRepository().dueWithoutBasis(q, 50), /FROM callbacks/);
    expect(plan).toMatch(/Index (Only )?Scan using callbacks_due_without_basis_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('Given a customer erased or merged, Then their callbacks, attempts, followed tickets, missed callbacks and birthday greetings are found by customer through indexes', async () => {
    const customerId = randomUUID();
    const open = await planOf((q) => new CallbackRepository().openOfCustomer(q, customerId), /FROM callbacks/);
    expect(open).toMatch(/Index Scan using callbacks_customer_idx/);
    const wiped = await planOf((q) => forgetWhatCustomerSaid(q, customerId), /^UPDATE callback_attempts/);
    expect(wiped).toMatch(/Index Scan using callbacks_customer_idx/);
    const moved = await planOf((q) => moveCustomerCopies(q, customerId, randomUUID(), new Date()), /UPDATE missed_callbacks/);
    for (const index of ['callbacks_customer_idx', 'followed_tickets_customer_idx', 'missed_callbacks_customer_idx', 'birthday_callbacks_customer_idx']) {
      expect(moved).toMatch(new RegExp(`(Index Scan using|Bitmap Index Scan on) ${index}`));
    }
    // A duplicate merged earlier into this one is found by its survivor.
    const chained = await planOf((q) => moveCustomerCopies(q, customerId, randomUUID(), new Date()), /UPDATE merged_customers/);
    expect(chained).toMatch(/Index Scan (using|on) merged_customers_survivor_idx/);
    for (const plan of [open, wiped, moved, chained]) expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe('the work queue', () => {
  const after = { dueAt: new Date('2026-10-10T09:30:00Z'), id: randomUUID() };
  it.each([
    ['the whole queue, by a user serving every project', { limit: 51 }, undefined],
    ['a project’s queue', { limit: 51 }, ['P001']],
    ['an agent’s own callbacks', { limit: 51, assignee: 'agent-7' }, ['P001', 'P002']],
    ['the open callbacks due, a page on', { limit: 51, status: 'due' as const, after }, ['P001']],
  ])('Given %s asked, Then its page is read in due order from an index, not by sorting every callback ever scheduled', async (_, filter, projects) => {
    const plan = await planOf((q) => new CallbackRepository().list(q, filter, projects), /FROM callbacks/);
    expect(plan).not.toMatch(/Sort/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe('the missed-callback report', () => {
  it('Given a project’s report asked, Then its page is read newest close first from the close index, not by sorting every missed ticket', async () => {
    const plan = await planOf((q) => new MissedCallbacksRepository().list(q, { limit: 101 }, ['P001']), /FROM missed_callbacks/);
    expect(plan).toMatch(/Index Scan Backward using missed_callbacks_closed_idx/);
    expect(plan).not.toMatch(/Sort/);
  });
});
