import { openTicket } from './ticket';
import { canDo, canSee } from './ticket-access';

const ticket = {
  ...openTicket({
    id: 't', number: 'TK-20261124-000001', contactId: 'c', customerId: 'cu', customerName: '张*', channel: 'phone',
    unit: { projectCode: 'P001' }, ownerId: 'agent-1', at: new Date(),
  }),
  department: 'engineering',
};

describe('who may see and act on a ticket', () => {
  it('an agent of the project sees and acts; an agent of another project does not even see it', () => {
    expect(canSee({ sub: 'a', roles: ['agent'], projects: ['P001'] }, ticket)).toBe(true);
    expect(canDo({ sub: 'a', roles: ['agent'], projects: ['P001'] }, ticket, 'dispatch')).toBe(true);
    expect(canSee({ sub: 'b', roles: ['agent'], projects: ['P002'] }, ticket)).toBe(false);
  });

  it('a handler sees tickets dispatched to their department and may reply but not dispatch', () => {
    const handler = { sub: 'h', roles: ['handler'], department: 'engineering' };
    expect(canSee(handler, ticket)).toBe(true);
    expect(canDo(handler, ticket, 'reply')).toBe(true);
    expect(canDo(handler, ticket, 'dispatch')).toBe(false);
    expect(canSee({ ...handler, department: 'cleaning' }, ticket)).toBe(false);
  });

  it('a supervisor with no project list acts on every project; quality only reads', () => {
    expect(canDo({ sub: 's', roles: ['supervisor'] }, ticket, 'reopen')).toBe(true);
    expect(canSee({ sub: 'q', roles: ['quality'] }, ticket)).toBe(true);
    expect(canDo({ sub: 'q', roles: ['quality'] }, ticket, 'resolve')).toBe(false);
  });
});
