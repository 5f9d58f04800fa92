import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
import { EscalatedTicket, escalationTable, escalationsOf } from '../domain/monthly-report';
import { MIGRATIONS } from './migrations';
import { escalatedTicketsOpenedIn } from './ticket-facts.repository';

/** A ticket row as the escalations table reads it; `openedAt` to the microsecond, as Postgres keeps it. */
interface Fact {
  readonly number: string;
  readonly openedAt: string;
  readonly level?: number;
  readonly majorComplaint?: boolean;
  readonly grade?: string;
  readonly projectCode?: string | null;
  readonly mergedInto?: string;
}

const DECEMBER = { from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_escalations', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(async () => {
  await db.dataSource.query('TRUNCATE ticket_facts');
});

async function stored(facts: readonly Fact[]): Promise<EscalatedTicket[]> {
  const tickets = facts.map((f): EscalatedTicket & { mergedInto: string | null } => ({
    ticketId: randomUUID(),
    number: f.number,
    projectCode: f.projectCode === undefined ? 'P001' : f.projectCode,
    itemCode: 'repair.water',
    ownerId: 'agent-1',
    escalationLevel: f.level ?? 0,
    majorComplaint: f.majorComplaint ?? false,
    grade: f.grade ?? null,
    // A Date holds the millisecond: what the domain sorts by.
    openedAt: new Date(f.openedAt),
    resolvedAt: null,
    reopenedAt: null,
    closedAt: null,
    mergedInto: f.mergedInto ?? null,
  }));
  for (const [i, t] of tickets.entries()) {
    await db.dataSource.query(
      `INSERT INTO ticket_facts (ticket_id, number, channel, owner_id, opened_at, project_code, item_code, escalation_level, major_complaint, grade, merged_into)
       VALUES ($1, $2, 'phone', $3, $4, $5, $6, $7, $8, $9, $10)`,
      [t.ticketId, t.number, t.ownerId, facts[i]!.openedAt, t.projectCode, t.itemCode, t.escalationLevel, t.majorComplaint, t.grade, t.mergedInto],
    );
  }
  return tickets.filter((t) => t.mergedInto === null);
}

const read = async (limit: number, scope?: readonly string[], asked: readonly string[] = []) => {
  const r = await escalatedTicketsOpenedIn(db.dataSource.manager, DECEMBER, scope, asked, limit);
  return escalationTable(r.total, r.tickets);
};

describe('the escalations a report lists, read from the index', () => {
  it('given two tickets received in the same millisecond at the cut, then the lower number is listed, as the domain orders them', async () => {
    const tickets = await stored([
      { number: 'TK-05', openedAt: '2026-12-02T02:00:00.100000Z', level: 1 },
      // Same millisecond: the index holds TK-09 first (earlier microsecond); the report lists TK-01 first.
      { number: 'TK-09', openedAt: '2026-12-02T02:00:00.200100Z', level: 1 },
      { number: 'TK-01', openedAt: '2026-12-02T02:00:00.200900Z', level: 1 },
      { number: 'TK-02', openedAt: '2026-12-02T02:00:00.300000Z', level: 1 },
    ]);
    const table = await read(2);
    expect(table.listed.map((e) => e.number)).toEqual(['TK-05', 'TK-01']);
    expect(table).toEqual(escalationsOf(tickets, 2));
    expect(table.total).toBe(4);
  });

  it('given every level, major complaints, merged duplicates and other months, then the most escalated of the period come first and all of it is counted', async () => {
    const tickets = await stored([
      { number: 'TK-10', openedAt: '2026-12-03T01:00:00Z', level: 1 },
      { number: 'TK-11', openedAt: '2026-12-01T01:00:00Z', level: 2 },
      { number: 'TK-12', openedAt: '2026-12-02T01:00:00Z', majorComplaint: true },
      { number: 'TK-13', openedAt: '2026-12-02T00:30:00Z', grade: 'major' },
      { number: 'TK-14', openedAt: '2026-12-04T01:00:00Z', level: 2 },
      { number: 'TK-15', openedAt: '2026-12-05T01:00:00Z' },
      { number: 'TK-16', openedAt: '2026-12-05T02:00:00Z', level: 2, mergedInto: randomUUID() },
      { number: 'TK-17', openedAt: '2026-12-06T01:00:00Z', level: 1, projectCode: null },
      { number: 'TK-18', openedAt: '2026-12-07T01:00:00Z', level: 1, projectCode: 'P002' },
      // A higher level only in another month, and this month's last instant left out.
      { number: 'TK-19', openedAt: '2026-11-20T01:00:00Z', level: 3 },
      { number: 'TK-20', openedAt: '2026-12-31T16:00:00Z', level: 2 },
    ]);
    const inPeriod = tickets.filter((t) => t.openedAt >= DECEMBER.from && t.openedAt < DECEMBER.to);
    for (const limit of [1, 3, 5, 100]) {
      const table = await read(limit);
      expect(table).toEqual(escalationsOf(inPeriod, limit));
    }
    expect((await read(100)).listed.map((e) => e.number)).toEqual(['TK-11', 'TK-14', 'TK-10', 'TK-17', 'TK-18', 'TK-13', 'TK-12']);

    // A reader of P001 sees its tickets and those of no project; asking for P001 leaves those of no project out.
    const visible = inPeriod.filter((t) => t.projectCode === null || t.projectCode === 'P001');
    expect(await read(3, ['P001'])).toEqual(escalationsOf(visible, 3));
    expect(await read(100, ['P001'], ['P001'])).toEqual(escalationsOf(inPeriod.filter((t) => t.projectCode === 'P001'), 100));
  });

  it('given no escalation at all, then none is listed and none counted', async () => {
    await stored([{ number: 'TK-30', openedAt: '2026-12-02T01:00:00Z' }]);
    expect(await read(100)).toEqual({ total: 0, listed: [] });
  });

  it('reads the listed rows from their partial index in its order, sorting only the few the levels gave', async () => {
    await stored(Array.from({ length: 30 }, (_, n) => ({ number: `TK-${40 + n}`, openedAt: `2026-12-0${1 + (n % 9)}T0${n % 10}:00:00Z`, level: n % 3 })));
    const { db: recording, statements } = recordingQueries(db.dataSource);
    await escalatedTicketsOpenedIn(recording, DECEMBER, ['P001'], [], 5);
    const plan = await planWithoutSequentialScans(db.dataSource, statements.at(-1)!);
    // The count's index is the planner's choice by the table's size; the listing's is not.
    // Index-only or not is the visibility map's; the order index is what must be read.
    expect(plan).toMatch(/Index (Only )?Scan Backward using ticket_facts_escalation_order_idx/);
    expect(plan).toMatch(/Nested Loop[\s\S]*Index (Only )?Scan using ticket_facts_escalation_order_idx/);
    expect(plan.match(/Sort Key/g)).toHaveLength(1);
  });

  it('given fewer than one to list, then it is refused', async () => {
    await expect(escalatedTicketsOpenedIn(db.dataSource.manager, DECEMBER, undefined, [], 0)).rejects.toThrow(RangeError);
  });
});
