import { calendarsChangingFor } from './calendar-recompute-jobs.repository';

describe('the calendars whose change the walk has still to bring to a ticket', () => {
  const ticket = '5b1e0c9e-0000-4000-8000-000000000005';

  it('given a walk not started, a walk whose last ticket is before it, and one past it, then the first two', () => {
    const walks = [
      { calendarId: 'harbour' },
      { calendarId: 'default', afterTicketId: '1a000000-0000-4000-8000-000000000000' },
      { calendarId: 'night-desk', afterTicketId: 'ff000000-0000-4000-8000-000000000000' },
    ];
    expect(calendarsChangingFor(walks, ticket)).toEqual(['harbour', 'default']);
  });

  it('given the ticket the walk recomputed last, or two versions of one calendar under way, then that calendar once, or not at all', () => {
    expect(calendarsChangingFor([{ calendarId: 'default', afterTicketId: ticket }], ticket)).toEqual([]);
    expect(calendarsChangingFor([{ calendarId: 'default' }, { calendarId: 'default', afterTicketId: ticket }], ticket)).toEqual(['default']);
  });

  it('given an incident, then the walk’s last incident says how far it came, not its last ticket', () => {
    const walks = [{ calendarId: 'default', afterTicketId: 'ff000000-0000-4000-8000-000000000000', afterIncidentId: '1a000000-0000-4000-8000-000000000000' }];
    expect(calendarsChangingFor(walks, ticket, 'incident')).toEqual(['default']);
    expect(calendarsChangingFor(walks, ticket)).toEqual([]);
  });
});
