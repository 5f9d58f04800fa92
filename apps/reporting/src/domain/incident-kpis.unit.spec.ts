import { groupKpis, kpiFigures } from './kpis';
import { monthlyReport } from './monthly-report';
import { reportTables } from './report-table';
import { evolveTicket } from './ticket-evolution';
import type { IncidentRecord, TicketRecord } from './ticket-record';

const noDurations = () => ({ firstResponseMinutes: null, resolutionMinutes: null });
const at = (iso: string) => new Date(iso);

let n = 0;
/** A ticket as reporting opens it from `ticket.created`, then as the test changes it. */
function ticket(change: Partial<TicketRecord> = {}): TicketRecord {
  n += 1;
  const { fact } = evolveTicket(
    { fact: undefined, grade: null },
    {
      kind: 'opened',
      ticket: { ticketId: `t-${n}`, number: `TK-20261105-${String(n).padStart(6, '0')}`, channel: 'phone', sectionCode: 'repair', itemCode: 'repair.public_area', projectCode: 'P001', ownerId: 'agent-7', openedAt: '2026-11-05T02:00:00Z' },
    },
  );
  return { ...fact!, ...change };
}

const lift: IncidentRecord = {
  incidentId: 'i-lift',
  number: 'INC-20261105-0001',
  projectCode: 'P001',
  building: '3',
  sectionCode: 'repair',
  itemCode: 'repair.public_area',
  title: '3栋1号电梯停运',
  department: 'engineering',
  declaredAt: at('2026-11-05T02:00:00Z'),
  dispatchedAt: at('2026-11-05T02:10:00Z'),
  resolvedAt: at('2026-11-05T05:30:00Z'),
  breached: false,
  dispatchBreached: false,
  children: 20,
};

describe('one fault, many callers', () => {
  // 20 callers about the lift, resolved with it after the deadline their own clocks would have had,
  // and 2 matters of their own: one on time, one late.
  const callers = Array.from({ length: 20 }, () => ticket({ incidentId: lift.incidentId, resolvedAt: lift.resolvedAt, resolutionBreached: false }));
  const own = [ticket({ resolvedAt: at('2026-11-05T03:00:00Z') }), ticket({ resolvedAt: at('2026-11-08T03:00:00Z'), resolutionBreached: true })];

  it('given 20 callers joined to one incident and 2 other matters, then 22 received, 1 incident, 20 of its callers and 3 distinct matters', () => {
    const figures = kpiFigures([...callers, ...own], [], noDurations, [lift]);
    expect([figures.received, figures.incidents, figures.incidentChildren, figures.distinctMatters]).toEqual([22, 1, 20, 3]);
    expect(figures.resolved).toBe(22);
  });

  it('judges resolution on time once for the incident, not twenty times for its callers', () => {
    expect(kpiFigures([...callers, ...own], [], noDurations, [lift]).resolutionOnTimeRate).toBeCloseTo(2 / 3);
    expect(kpiFigures([...callers, ...own], [], noDurations, [{ ...lift, breached: true }]).resolutionOnTimeRate).toBeCloseTo(1 / 3);
    expect(kpiFigures([...callers, ...own], [], noDurations, [{ ...lift, resolvedAt: null, breached: null }]).resolutionOnTimeRate).toBe(0.5);
    // Still open, its resolution clock ran out: judged late already, as a ticket's is.
    expect(kpiFigures([...callers, ...own], [], noDurations, [{ ...lift, resolvedAt: null, breached: true }]).resolutionOnTimeRate).toBeCloseTo(1 / 3);
  });

  it('puts an incident in its section, item, project and department, and under none by channel or agent', () => {
    expect(groupKpis('department', own, [], noDurations, [lift]).map((g) => [g.key, g.incidents])).toEqual([
      ['engineering', 1],
      ['none', 0],
    ]);
    expect(groupKpis('channel', [...callers, ...own], [], noDurations, [lift]).map((g) => [g.key, g.received, g.incidents, g.distinctMatters])).toEqual([
      ['none', 0, 1, 1],
      ['phone', 22, 0, 2],
    ]);
  });

  it('lists the month’s incidents in the monthly report with how long each lasted and how many called, in every format’s table', () => {
    const open: IncidentRecord = { ...lift, incidentId: 'i-water', number: 'INC-20261120-0001', title: '5栋停水', resolvedAt: null, breached: null, children: 4 };
    const period = { kind: 'monthly' as const, period: '2026-11', previousPeriod: '2026-10', from: at('2026-10-31T16:00:00Z'), to: at('2026-11-30T16:00:00Z') };
    const report = monthlyReport(period, { tickets: [...callers, ...own], callbacks: [], incidents: [lift, open], spotChecks: [] }, { tickets: [], callbacks: [], incidents: [], spotChecks: [] }, noDurations);
    expect(report.incidents.map((i) => [i.number, i.durationMinutes, i.children, i.breached])).toEqual([
      ['INC-20261105-0001', 210, 20, false],
      ['INC-20261120-0001', null, 4, null],
    ]);
    expect([report.kpis.current.incidents, report.kpis.change.incidents]).toEqual([2, 2]);
    const table = reportTables(report).find((t) => t.name === 'incidents');
    expect(table?.rows[0]).toEqual(['INC-20261105-0001', 'P001', '3', 'repair.public_area', '3栋1号电梯停运', 'engineering', '2026-11-05T02:00:00.000Z', '2026-11-05T05:30:00.000Z', 210, 20, false]);
  });
});
