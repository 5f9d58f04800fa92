import { runsOfDistinctTickets } from './track-tickets';

const opened = (ticketId: string) => ({ opened: { ticketId, number: `TK-${ticketId}`, customerId: 'c', openedAt: '2026-11-30T00:00:00Z' } });
const changed = (ticketId: string, status: string) => ({ changed: { ticketId, number: `TK-${ticketId}`, customerId: 'c', status, at: '2026-11-30T00:01:00Z' } });

describe('a transaction’s ticket steps written in runs', () => {
  it('keeps steps of different tickets in one run, in order', () => {
    const steps = [opened('a'), changed('b', 'dispatched'), opened('c')];
    expect(runsOfDistinctTickets(steps)).toEqual([steps]);
  });

  it('starts a new run where a ticket comes again, so each ticket’s own steps keep their order', () => {
    const steps = [opened('a'), changed('b', 'dispatched'), changed('a', 'dispatched'), opened('c'), changed('a', 'resolved'), changed('b', 'resolved')];
    expect(runsOfDistinctTickets(steps)).toEqual([[steps[0], steps[1]], [steps[2], steps[3]], [steps[4], steps[5]]]);
  });

  it('gives no run for no steps', () => {
    expect(runsOfDistinctTickets([])).toEqual([]);
  });
});
