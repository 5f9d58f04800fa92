import { formatTicketNumber, numberingDay } from './ticket-number';
import { openTicket, sectionOf } from './ticket';

describe('ticket numbers', () => {
  it('count the day in China time: 23:30 UTC is already the next day in Shanghai', () => {
    expect(numberingDay(new Date('2026-11-23T23:30:00Z'))).toBe('20261124');
    expect(numberingDay(new Date('2026-11-24T15:59:59Z'))).toBe('20261124');
    expect(numberingDay(new Date('2026-11-24T16:00:00Z'))).toBe('20261125');
  });

  it('are zero-padded to six digits and grow beyond', () => {
    expect(formatTicketNumber('20261124', 123)).toBe('TK-20261124-000123');
    expect(formatTicketNumber('20261124', 1_234_567)).toBe('TK-20261124-1234567');
  });

  it('refuse a non-positive sequence', () => {
    expect(() => formatTicketNumber('20261124', 0)).toThrow();
  });
});

describe('openTicket', () => {
  it('starts new, owned by the first-contact agent, in the section of its item', () => {
    const ticket = openTicket({
      id: 't-1',
      number: 'TK-20261124-000001',
      contactId: 'c-1',
      customerId: 'cu-1',
      customerName: '张*',
      channel: 'wechat',
      itemCode: 'complaint.service_quality',
      unit: { projectCode: 'P001' },
      ownerId: 'agent-7',
      at: new Date('2026-11-24T01:00:00Z'),
    });
    expect(ticket.status).toBe('new');
    expect(ticket.sectionCode).toBe('complaint');
    expect(ticket.ownerId).toBe('agent-7');
  });

  it('has no section while the item is not yet classified', () => {
    expect(sectionOf(undefined)).toBeUndefined();
  });
});
