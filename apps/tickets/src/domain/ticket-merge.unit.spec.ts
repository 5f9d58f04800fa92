import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { events, refusal } from '../testing/decide-outcome';
import { Ticket, openTicket } from './ticket';
import type { TicketCommandData } from './ticket-commands';
import { decide } from './ticket-decide';
import { evolveAll } from './ticket-evolve';
import { MergeDecision, decideMerge } from './ticket-merge';

const calendar = parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK });
const at = new Date('2026-11-30T02:00:00Z');
const stamp = { at, by: 'agent-1' };

function ticket(id: string, change: Partial<Ticket> = {}): Ticket {
  return {
    ...openTicket({
      id,
      number: `TK-20261130-00000${id.length}`,
      contactId: `c-${id}`,
      customerId: 'cu-1',
      customerName: '张*',
      channel: 'phone',
      itemCode: 'repair.public_area',
      unit: { projectCode: 'P001' },
      ownerId: 'agent-1',
      at: new Date('2026-11-30T01:00:00Z'),
    }),
    ...change,
  };
}

function decided(outcome: MergeDecision | DomainError): MergeDecision {
  if (outcome instanceof DomainError) throw new Error(`refused: ${outcome.code}`);
  return outcome;
}

const refused = (outcome: MergeDecision | DomainError): DomainError => {
  if (outcome instanceof DomainError) return outcome;
  throw new Error('expected a refusal');
};

describe('merging two tickets of one customer (工单合并)', () => {
  it('given a duplicate with two follow-ups, when merged, then the survivor gains its three contacts and the duplicate closes pointing to it', () => {
    const survivor = ticket('s');
    const duplicate = ticket('dd', { repeatContactCount: 2, status: 'dispatched', department: 'engineering' });
    const decision = decided(decideMerge(survivor, duplicate, { reason: '同一件事' }, stamp));

    expect(evolveAll(survivor, decision.survivor)).toMatchObject({ status: 'new', repeatContactCount: 3 });
    expect(evolveAll(duplicate, decision.merged)).toMatchObject({ status: 'closed', closedAt: at, mergedInto: 's', department: 'engineering' });
    expect(decision.merged[0]).toMatchObject({ survivorId: 's', contacts: 3, reason: '同一件事' });
  });

  it('given a duplicate with running clocks, when merged, then its clocks stop there and the survivor keeps its own', () => {
    const clock = { kind: 'resolution' as const, target: { amount: 2, unit: 'days' as const, basis: 'working' as const }, calendarId: 'default', warnAt: [], startedAt: at, pauses: [], extensions: [], warned: [] };
    const survivor = ticket('s', { clocks: [clock] });
    const decision = decided(decideMerge(survivor, ticket('dd', { clocks: [clock] }), {}, stamp));
    expect(evolveAll(ticket('dd', { clocks: [clock] }), decision.merged)?.clocks[0]?.metAt).toEqual(at);
    expect(evolveAll(survivor, decision.survivor)?.clocks).toEqual([clock]);
  });

  it.each([
    ['itself', 'TICKET.MERGE_SAME_TICKET', ticket('s')],
    ['another customer', 'TICKET.MERGE_OTHER_CUSTOMER', ticket('dd', { customerId: 'cu-2' })],
    ['another project', 'TICKET.MERGE_OTHER_PROJECT', ticket('dd', { unit: { projectCode: 'P002' } })],
    ['a closed ticket', 'TICKET.ILLEGAL_TRANSITION', ticket('dd', { status: 'closed' })],
    ['a resolved ticket', 'TICKET.ILLEGAL_TRANSITION', ticket('dd', { status: 'resolved' })],
    ['a ticket merged already', 'TICKET.MERGED', ticket('dd', { status: 'closed', mergedInto: 'x' })],
    ['a major complaint, into a general ticket', 'TICKET.MERGE_MAJOR_INTO_GENERAL', ticket('dd', { itemCode: 'complaint.service', sectionCode: 'complaint', grade: 'major', escalationLevel: 1 })],
    ['a ticket escalated further', 'TICKET.MERGE_ESCALATED_INTO_LOWER', ticket('dd', { escalationLevel: 2 })],
  ])('given %s as the duplicate, when merged, then it is refused %s', (_case, code, duplicate) => {
    expect(refused(decideMerge(ticket('s'), duplicate, {}, stamp)).code).toBe(code);
  });

  it('given a major complaint as the survivor, when a general ticket of the matter is merged into it, then the merge goes through', () => {
    const major = { itemCode: 'complaint.service', sectionCode: 'complaint', grade: 'major' as const, escalationLevel: 1 as const };
    expect(decided(decideMerge(ticket('s', major), ticket('dd'), {}, stamp)).survivor[0]).toMatchObject({ mergedTicketId: 'dd', contacts: 1 });
    expect(decided(decideMerge(ticket('s', major), ticket('dd', major), {}, stamp)).merged[0]).toMatchObject({ survivorId: 's' });
  });

  it('given a resolved survivor, when merging into it, then it is refused with where it stands and what would allow it', () => {
    const error = refused(decideMerge(ticket('s', { status: 'resolved' }), ticket('dd'), {}, stamp));
    expect(error).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', kind: 'conflict', details: { currentStatus: 'resolved', command: 'merge' } });
  });
});

describe('a merged ticket is read-only', () => {
  const merged = ticket('dd', { status: 'closed', mergedInto: 's' });
  const metadata = { at, by: 'agent-1', calendars: () => calendar };

  it.each<[string, TicketCommandData]>([
    ['reopening it', { action: 'reopen', command: { type: 'reopen', reason: '客户不满意' } }],
    ['replying on it', { action: 'reply', command: { type: 'reply', message: '已处理' } }],
    ['promising a reply', { action: 'promise', tier: '1d' }],
  ])('given a merged ticket, when %s, then it is 409 TICKET.MERGED naming the survivor', (_case, data) => {
    expect(refusal(decide({ data, metadata }, merged))).toMatchObject({ code: 'TICKET.MERGED', kind: 'conflict', details: { mergedInto: 's' } });
  });

  it('given a merged ticket, when a dissatisfied callback or a timer reaches it, then nothing happens: the survivor carries the matter', () => {
    expect(events(decide({ data: { action: 'reopen_on_callback', satisfied: false }, metadata }, merged))).toEqual([]);
    expect(events(decide({ data: { action: 'fire_sla_timers', timers: [] }, metadata }, merged))).toEqual([]);
  });
});
