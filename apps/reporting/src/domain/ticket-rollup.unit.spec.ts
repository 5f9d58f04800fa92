import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { evolveCallback } from './callback-evolution';
import { callbackChanges } from './callback-changes';
import { BIN_GROWTH, DurationBin, addToHistogram, histogramOf, histogramPercentile, histogramPercentiles } from './duration-histogram';
import { percentile } from './kpis';
import { bucketsOf, monthPeriod, weekPeriod } from './period';
import { TicketFact, TicketSlot, applyChange, evolveTicket } from './ticket-evolution';
import { CountingCalendar, RollupDelta, countedNow, recount } from './ticket-rollup';
import type { TicketChange } from './projection-changes';
import { ticketChanges } from './ticket-changes';
import { tallyOf } from './ticket-share';

const SHANGHAI = 'Asia/Shanghai';

function opened(at = '2026-11-02T01:00:00.000Z'): TicketFact {
  const slot = evolveTicket(
    { fact: undefined, grade: null },
    { kind: 'opened', ticket: { ticketId: 't-1', number: 'TK-20261102-000001', channel: 'phone', itemCode: 'repair.public_area', sectionCode: 'repair', projectCode: 'P001', ownerId: 'agent-a', openedAt: at } },
  );
  return slot.fact as TicketFact;
}

describe('durations read from bins', () => {
  it('given values each alone in its bin, or equal values, then the percentile is the nearest-rank value itself', () => {
    const distinct = [6_000, 12_000, 3_000, 27_000];
    expect([histogramPercentile(histogramOf(distinct), 0.5), histogramPercentile(histogramOf(distinct), 0.9)]).toEqual([
      (percentile(distinct, 0.5) ?? 0) / 100,
      (percentile(distinct, 0.9) ?? 0) / 100,
    ]);
    expect(histogramPercentile(histogramOf([0, 0, 0, 4_500, 4_500]), 0.5)).toBe(0);
    expect(histogramPercentile(histogramOf([]), 0.5)).toBeNull();
  });

  it('given thousands of random durations, then p50 and p90 are within 2 % of the nearest-rank values', () => {
    let state = 7;
    const next = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 20; round++) {
      const values = Array.from({ length: 500 + round * 100 }, () => Math.round(next() ** 3 * 500_000));
      for (const p of [0.5, 0.9]) {
        const exact = (percentile(values, p) ?? 0) / 100;
        const binned = histogramPercentile(histogramOf(values), p) ?? 0;
        expect(Math.abs(binned - exact)).toBeLessThanOrEqual(exact * (BIN_GROWTH - 1) + 0.01);
      }
    }
  });
  it('given several percentiles asked at once, in any order, then each is the one asked alone, with emptied, ticketless and zero-time bins', () => {
    let state = 11;
    const next = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round++) {
      // Durations from none at all to months, so the bins run from −1 (no working time) to four digits.
      const histogram = histogramOf(Array.from({ length: 1 + Math.floor(next() * 300) }, () => (next() < 0.1 ? 0 : Math.round(next() ** 4 * 10 ** (2 + next() * 8)))));
      // Some bins emptied again, as a rollup's removed tickets leave them, and some left holding no
      // tickets, or fewer than none, which a percentile passes over.
      for (const [bin, held] of [...histogram]) {
        const roll = next();
        if (roll < 0.15) addToHistogram(histogram as Map<number, DurationBin>, bin, -held.tickets, -held.hundredths);
        else if (roll < 0.2) addToHistogram(histogram as Map<number, DurationBin>, bin, -held.tickets - Math.floor(next() * 2), 0);
      }
      const ps = Array.from({ length: 1 + Math.floor(next() * 4) }, () => [1, 0, 1.5, Number.NaN][Math.floor(next() * 16)] ?? Math.round(next() * 100) / 100);
      expect(histogramPercentiles(histogram, ps)).toEqual(ps.map((p) => histogramPercentileOneByOne(histogram, p)));
    }
    expect(histogramPercentiles(histogramOf([]), [0.5, 0.9])).toEqual([null, null]);
  });
});

/** The percentile as read before one sort served them all: every bin sorted for each percentile. */
function histogramPercentileOneByOne(histogram: ReadonlyMap<number, DurationBin>, p: number): number | null {
  const bins = [...histogram.entries()].filter(([, b]) => b.tickets > 0).sort(([a], [b]) => a - b);
  const count = bins.reduce((sum, [, b]) => sum + b.tickets, 0);
  if (count === 0) return null;
  const rank = Math.max(1, Math.ceil(p * count));
  let seen = 0;
  for (const [, bin] of bins) {
    seen += bin.tickets;
    if (seen >= rank) return Math.round(bin.hundredths / bin.tickets) / 100;
  }
  return null;
}

describe('a ticket evolved by its events', () => {
  it('given a change applied twice, then the ticket is as after once; the latest resolution and the first reply win in any order', () => {
    const t = opened();
    const resolveLate = { latest: { resolvedAt: '2026-11-04T01:00:00.000Z' }, first: { firstReplyAt: '2026-11-02T02:00:00.000Z' } };
    const resolveEarly = { latest: { resolvedAt: '2026-11-03T01:00:00.000Z' }, first: { firstReplyAt: '2026-11-02T03:00:00.000Z' } };
    const once = applyChange(t, resolveLate);
    expect(applyChange(once, resolveLate)).toEqual(once);
    const both = applyChange(applyChange(t, resolveEarly), resolveLate);
    expect(both.resolvedAt?.toISOString()).toBe('2026-11-04T01:00:00.000Z');
    expect(both.firstReplyAt?.toISOString()).toBe('2026-11-02T03:00:00.000Z');
  });

  it('given the grade before the ticket, then the opened ticket carries it; given an event of a ticket never opened, then nothing is made up', () => {
    const graded: TicketSlot = evolveTicket({ fact: undefined, grade: null }, { kind: 'graded', grade: 'major' });
    expect(graded).toEqual({ fact: undefined, grade: 'major' });
    const slot = evolveTicket(graded, { kind: 'opened', ticket: { ticketId: 't-2', number: 'TK-20261102-000002', channel: 'phone', ownerId: 'agent-a', openedAt: '2026-11-02T01:00:00.000Z' } });
    expect(slot.fact?.grade).toBe('major');
    expect(evolveTicket({ fact: undefined, grade: null }, { kind: 'changed', change: { set: { department: 'engineering' } } }).fact).toBeUndefined();
  });

  it('given ticket.created replayed after later events, then the first opening stands', () => {
    const t = applyChange(opened(), { set: { department: 'engineering' } });
    const replayed = evolveTicket({ fact: t, grade: null }, { kind: 'opened', ticket: { ticketId: 't-1', number: 'TK-20261102-000001', channel: 'wechat', ownerId: 'agent-b', openedAt: '2026-11-02T01:00:00.000Z' } });
    expect(replayed.fact).toEqual(t);
  });
});

describe('a callback evolved by its events', () => {
  it('given it completed and then a late `scheduled`, then it stays completed and keeps what earlier events said', () => {
    const done = evolveCallback(undefined, { callbackId: 'c-1', projectCode: 'P001', dueAt: '2026-11-05T09:00:00.000Z' }, { status: 'completed', satisfied: true }, '2026-11-05T08:00:00.000Z');
    const after = evolveCallback(done, { callbackId: 'c-1', assignee: 'agent-a' }, { status: 'scheduled' }, '2026-11-01T08:00:00.000Z');
    expect(after).toMatchObject({ status: 'completed', satisfied: true, projectCode: 'P001', assignee: 'agent-a', dueAt: new Date('2026-11-05T09:00:00.000Z') });
  });

  it('given the next callback a dissatisfied customer was promised missed after it completed on time, then it is not counted overdue; its own due time missed is', () => {
    const task = { callbackId: 'c-1', kind: 'ticket', method: 'phone', customerId: 'cu-1', projectCode: 'P001', dueAt: '2026-11-26T09:30:00.000Z', by: 'system' } as const;
    const completed = callbackChanges.completed({ ...task, ticketId: 't-1', completedAt: '2026-11-24T02:00:00.000Z', satisfied: false, onTime: true });
    const done = evolveCallback(undefined, completed.identity, completed.change, completed.at);
    const promiseMissed = { ...task, at: '2026-11-25T02:00:00.000Z', deadline: 'callback', deadlineAt: '2026-11-25T02:00:00.000Z' } as const;
    for (const overdue of [callbackChanges.overdue({ ...promiseMissed, followUp: true }), callbackChanges.overdue(promiseMissed)]) {
      expect(evolveCallback(done, overdue.identity, overdue.change, overdue.at)).toMatchObject({ status: 'completed', onTime: true, overdue: false });
    }
    const ownMissed = callbackChanges.overdue({ ...task, at: '2026-11-26T09:30:00.000Z', deadline: 'callback', deadlineAt: task.dueAt });
    expect(evolveCallback(undefined, ownMissed.identity, ownMissed.change, ownMissed.at)).toMatchObject({ overdue: true });
    const rectification = callbackChanges.overdue({ ...promiseMissed, deadline: 'rectification', followUp: true });
    expect(evolveCallback(done, rectification.identity, rectification.change, rectification.at)).toMatchObject({ overdue: false });
  });

  it('given its calendar moved its due time, then it is due at the new time, still scheduled', () => {
    const task = { callbackId: 'c-1', kind: 'ticket', method: 'phone', customerId: 'cu-1', projectCode: 'P001', at: '2026-11-02T02:00:00.000Z', by: 'system' } as const;
    const scheduled = callbackChanges.scheduled({ ...task, dueAt: '2026-11-05T09:30:00.000Z', attemptsAllowed: 3 });
    const recomputed = callbackChanges.dueRecomputed({
      ...task,
      dueAt: '2026-11-06T09:30:00.000Z',
      previousDueAt: '2026-11-05T09:30:00.000Z',
      calendarId: 'company',
      calendarVersion: 2,
    });
    const before = evolveCallback(undefined, scheduled.identity, scheduled.change, scheduled.at);
    const after = evolveCallback(before, recomputed.identity, recomputed.change, recomputed.at);
    expect([before.dueAt, after.dueAt, after.status]).toEqual([new Date('2026-11-05T09:30:00.000Z'), new Date('2026-11-06T09:30:00.000Z'), 'scheduled']);
  });
});

describe('a period cut along the local calendar', () => {
  it('given a month, then it is its days and its one month, nothing read ticket by ticket', () => {
    const buckets = bucketsOf(monthPeriod('2026-11', SHANGHAI), SHANGHAI);
    expect(buckets.days.to - buckets.days.from).toBe(30);
    expect(buckets.months.to - buckets.months.from).toBe(1);
    expect([buckets.daysOutsideMonths, buckets.edges]).toEqual([[], []]);
  });

  it('given an ISO week across two months, then it is seven days outside any whole month', () => {
    const buckets = bucketsOf(weekPeriod('2026-W49', SHANGHAI), SHANGHAI);
    expect(buckets.months.from).toBe(buckets.months.to);
    expect(buckets.daysOutsideMonths).toEqual([buckets.days]);
    expect(buckets.days.to - buckets.days.from).toBe(7);
  });

  it('given date-times, then the part days short at either end is read ticket by ticket', () => {
    const period = { from: new Date('2026-11-05T10:17:00+08:00'), to: new Date('2026-12-02T03:00:00+08:00') };
    const buckets = bucketsOf(period, SHANGHAI);
    expect(buckets.edges).toEqual([
      { from: period.from, to: new Date('2026-11-06T00:00:00+08:00') },
      { from: new Date('2026-12-02T00:00:00+08:00'), to: period.to },
    ]);
    // 6 November to 1 December holds no whole month: every day is read from the day cells and the tickets' bins.
    expect(buckets.months.to - buckets.months.from).toBe(0);
    expect(buckets.daysOutsideMonths).toEqual([buckets.days]);
    expect(bucketsOf({ from: period.from, to: new Date('2026-11-05T11:00:00+08:00') }, SHANGHAI).edges).toHaveLength(1);
  });
});

describe('what a ticket changes in the rollups', () => {
  const office = parseCalendar({ timezone: SHANGHAI, workingHours: OFFICE_WEEK, holidays: [], workingDays: [] });
  const calendar: CountingCalendar = { version: 0, timeZone: office.timezone, durations: () => ({ firstResponseMinutes: 30, resolutionMinutes: null }) };

  it('given a ticket counted and taken away again, then nothing changes', () => {
    const counted = recount(opened(), calendar);
    const delta = new RollupDelta();
    delta.add(counted.counted, 1);
    delta.add(countedNow(counted.fact), -1);
    expect(delta.cells()).toEqual({ tallies: [], durations: [] });
  });

  it('given a ticket dispatched to another department, then only the department cells move', () => {
    const before = recount(applyChange(opened(), { set: { department: 'engineering' } }), calendar).fact;
    const after = recount(applyChange(before, { set: { department: 'cleaning' } }), calendar);
    const delta = new RollupDelta();
    delta.add(countedNow(before), -1);
    delta.add(after.counted, 1);
    const { tallies, durations } = delta.cells();
    expect(tallies.map((c) => [c.project, c.dimension, c.key, c.tally.received]).sort()).toEqual([
      ['*', 'department', 'cleaning', 1],
      ['*', 'department', 'engineering', -1],
      ['P001', 'department', 'cleaning', 1],
      ['P001', 'department', 'engineering', -1],
    ]);
    expect(durations.map((c) => [c.dimension, c.key, c.tickets]).sort()).toEqual([
      ['department', 'cleaning', 1],
      ['department', 'engineering', -1],
    ]);
  });
});

describe('a ticket reopened after it was closed', () => {
  const at = (iso: string) => new Date(iso);
  const closed = { ...opened(), resolvedAt: at('2026-11-03T01:00:00Z'), closedAt: at('2026-11-04T01:00:00Z') };

  it('given it was closed, then it counts as resolved and closed', () => {
    expect(tallyOf(closed)).toMatchObject({ resolved: 1, closed: 1, reopened: 0, everResolved: 1, resolutionJudged: 1 });
  });

  it('given a supervisor reopened it, then it is neither resolved nor closed until it is again, and still ever resolved', () => {
    const reopened = { ...closed, reopenedAt: at('2026-11-05T01:00:00Z'), reopenCount: 1 };
    expect(tallyOf(reopened)).toMatchObject({ resolved: 0, closed: 0, reopened: 1, everResolved: 1, resolutionJudged: 0, resolutionOnTime: 0 });
    const resolvedAgain = { ...reopened, resolvedAt: at('2026-11-06T01:00:00Z') };
    expect(tallyOf(resolvedAgain)).toMatchObject({ resolved: 1, closed: 0, reopened: 1 });
    expect(tallyOf({ ...resolvedAgain, closedAt: at('2026-11-07T01:00:00Z') })).toMatchObject({ resolved: 1, closed: 1, reopened: 1 });
  });
});

describe('what answers a ticket', () => {
  const base = { ticketId: 't-1', number: 'TK-20261102-000001', customerId: 'c-1', projectCode: 'P001', by: 'agent-a' };
  const decided = (decision: 'valid' | 'invalid', at: string) =>
    ticketChanges.validityDecided({ ...base, status: 'in_progress', at, decision, answerId: 'a-1' });
  const resolved = (at: string) => ticketChanges.resolved({ ...base, status: 'resolved', at, resolution: '已修好', reopenCount: 0, breached: false });
  const replied = (at: string) => ticketChanges.replied({ ...base, status: 'in_progress', at, firstReply: true });

  it('given a valid decision citing a unified answer, then the answer is not counted until a reply; given an invalid one, the explanation counts', () => {
    expect(tallyOf(applyChange(opened(), decided('valid', '2026-11-02T02:00:00Z')))).toMatchObject({ replied: 0, answeredFromKnowledge: 0 });
    expect(tallyOf(applyChange(opened(), decided('invalid', '2026-11-02T02:00:00Z')))).toMatchObject({ replied: 1, answeredFromKnowledge: 1 });
  });

  it('given a ticket resolved before any reply, then the resolution was its first response; given a reply before, the reply stays the first', () => {
    const unanswered = applyChange(opened(), resolved('2026-11-02T05:00:00Z'));
    expect(unanswered.firstReplyAt).toEqual(new Date('2026-11-02T05:00:00Z'));
    expect(tallyOf(unanswered)).toMatchObject({ firstResponseJudged: 1, firstResponseOnTime: 1 });
    const answered = applyChange(applyChange(opened(), replied('2026-11-02T03:00:00Z')), resolved('2026-11-02T05:00:00Z'));
    expect(answered.firstReplyAt).toEqual(new Date('2026-11-02T03:00:00Z'));
  });
});

describe('whether a closed ticket’s record was complete (处理记录是否完整)', () => {
  const base = { ticketId: 't-1', number: 'TK-20261102-000001', customerId: 'c-1', projectCode: 'P001', by: 'agent-a' };
  const resolved = (at: string) => ticketChanges.resolved({ ...base, status: 'resolved', at, resolution: '已修好', reopenCount: 0, breached: false });
  const closed = (at: string, recordGaps?: ('room' | 'department')[]) =>
    ticketChanges.closed({ ...base, status: 'closed', at, ...(recordGaps ? { recordGaps } : {}) });
  const reopened = (at: string) => ticketChanges.reopened({ ...base, status: 'in_progress', at, reason: '回访不满意', reopenCount: 1 });
  const after = (...changes: ReturnType<typeof closed>[]) => changes.reduce(applyChange, opened());

  it('given a close with nothing missing, then the ticket counts as judged and complete; given gaps, judged only', () => {
    expect(tallyOf(after(resolved('2026-11-02T05:00:00Z'), closed('2026-11-03T01:00:00Z', [])))).toMatchObject({ recordJudged: 1, recordComplete: 1 });
    expect(tallyOf(after(resolved('2026-11-02T05:00:00Z'), closed('2026-11-03T01:00:00Z', ['room', 'department'])))).toMatchObject({
      recordJudged: 1,
      recordComplete: 0,
    });
  });

  it('given a close from a release that did not judge, or no close, then it counts in neither', () => {
    expect(tallyOf(after(resolved('2026-11-02T05:00:00Z'), closed('2026-11-03T01:00:00Z')))).toMatchObject({ closed: 1, recordJudged: 0, recordComplete: 0 });
    expect(tallyOf(after(resolved('2026-11-02T05:00:00Z')))).toMatchObject({ recordJudged: 0, recordComplete: 0 });
  });

  it('given a reopened ticket, then it counts in neither until closed again, and the latest close judges it, whatever order the closes arrive in', () => {
    const first = closed('2026-11-03T01:00:00Z', ['room']);
    const second = closed('2026-11-06T01:00:00Z', []);
    expect(tallyOf(after(resolved('2026-11-02T05:00:00Z'), first, reopened('2026-11-04T01:00:00Z')))).toMatchObject({ recordJudged: 0, recordComplete: 0 });
    const inOrder = after(resolved('2026-11-02T05:00:00Z'), first, reopened('2026-11-04T01:00:00Z'), resolved('2026-11-05T05:00:00Z'), second);
    expect(inOrder.recordComplete).toBe(true);
    expect(applyChange(inOrder, first).recordComplete).toBe(true);
    expect(tallyOf(inOrder)).toMatchObject({ recordJudged: 1, recordComplete: 1 });
  });
});

describe('a record amended (补录)', () => {
  it('given a ticket reclassified, then it counts under its new item and section', () => {
    const base = { ticketId: 't-1', number: 'TK-20261102-000001', customerId: 'c-1', projectCode: 'P001', by: 'agent-a', status: 'new' as const, at: '2026-11-02T02:00:00Z' };
    const amended = applyChange(opened(), ticketChanges.recordAmended({ ...base, itemCode: 'complaint.repair', amended: { itemCode: 'complaint.repair' }, previous: { itemCode: 'repair.public_area' } }));
    expect(amended).toMatchObject({ itemCode: 'complaint.repair', sectionCode: 'complaint' });
    expect(applyChange(opened(), ticketChanges.recordAmended({ ...base, amended: { room: '1202' }, previous: {} }))).toMatchObject({ itemCode: 'repair.public_area', sectionCode: 'repair' });
  });
});

describe('转发 and 上门 timeliness of one ticket', () => {
  const event = { ticketId: 't-1', number: 'TK-20261102-000001', status: 'dispatched' as const, by: 'agent-a', customerId: '7c1b2a8e-2f7d-4a33-9f0e-1d2c3b4a5e6f' };
  const dispatched = (breached?: boolean) => ticketChanges.dispatched({ ...event, at: '2026-11-02T01:30:00.000Z', department: 'engineering', ...(breached === undefined ? {} : { breached }) });
  const arrived = (breached?: boolean, arrivedAt = '2026-11-02T03:00:00.000Z') => ticketChanges.onSite({ ...event, at: arrivedAt, arrivedAt, ...(breached === undefined ? {} : { breached }) });
  const ranOut = (clock: 'dispatch' | 'on_site') => ticketChanges.slaBreached({ ...event, at: '2026-11-02T02:00:00.000Z', clock, dueAt: '2026-11-02T02:00:00.000Z', notify: { roles: ['supervisor'] } });
  const counts = (...changes: TicketChange[]) => {
    const t = tallyOf(changes.reduce(applyChange, opened()));
    return [t.dispatchJudged, t.dispatchOnTime, t.onSiteJudged, t.onSiteOnTime];
  };

  it('given the verdicts the dispatch and the arrival told, then each met clock is judged by its own: in time or late', () => {
    expect(counts()).toEqual([0, 0, 0, 0]);
    expect(counts(dispatched(false), arrived(false))).toEqual([1, 1, 1, 1]);
    expect(counts(dispatched(true), arrived(false))).toEqual([1, 0, 1, 1]);
    expect(counts(dispatched(false), arrived(true))).toEqual([1, 1, 1, 0]);
  });

  it('given a dispatch or an arrival that met no clock (none set, or an incident stands for the ticket), then it is judged neither way', () => {
    expect(counts(dispatched(), arrived())).toEqual([0, 0, 0, 0]);
  });

  it('given a clock that ran out, then it is late whether met later or never, and whatever is told after, in any order', () => {
    expect(counts(ranOut('dispatch'))).toEqual([1, 0, 0, 0]);
    expect(counts(ranOut('dispatch'), dispatched(false), ranOut('on_site'), arrived(false))).toEqual([1, 0, 1, 0]);
    expect(counts(dispatched(false), arrived(false), ranOut('on_site'), ranOut('dispatch'))).toEqual([1, 0, 1, 0]);
  });

  it('given an arrival told again, then the first arrival and its verdict stay', () => {
    const first = [dispatched(false), arrived(false)].reduce(applyChange, opened());
    const again = applyChange(applyChange(first, arrived(false, '2026-11-03T03:00:00.000Z')), arrived(false));
    expect([again.onSiteAt, again.onSiteBreached]).toEqual([new Date('2026-11-02T03:00:00.000Z'), false]);
  });
});
