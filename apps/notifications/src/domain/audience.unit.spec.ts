import { Audience, Reader, audienceIncludes, readerWithin } from './audience';

const supervisorsOfP1: Audience = { roles: ['supervisor', 'manager'], projectCode: 'P1', department: 'engineering', userIds: ['agent-7'] };
const reader = (r: Partial<Reader>): Reader => ({ sub: 'u-1', roles: [], ...r });

describe('who a notification reaches', () => {
  it('given a supervisor of the project, then it reaches them', () => {
    expect(audienceIncludes(supervisorsOfP1, reader({ roles: ['supervisor'], projects: ['P1'] }))).toBe(true);
  });

  it('given a supervisor serving every project, then it reaches them', () => {
    expect(audienceIncludes(supervisorsOfP1, reader({ roles: ['supervisor'] }))).toBe(true);
  });

  it('given a supervisor of another project, then it does not', () => {
    expect(audienceIncludes(supervisorsOfP1, reader({ roles: ['supervisor'], projects: ['P2'] }))).toBe(false);
  });

  it('given a role the audience does not name, then it does not', () => {
    expect(audienceIncludes(supervisorsOfP1, reader({ roles: ['agent', 'quality', 'admin'], projects: ['P1'] }))).toBe(false);
  });

  it('given a user the event names, then it reaches them whatever their role, within the project', () => {
    expect(audienceIncludes(supervisorsOfP1, reader({ sub: 'agent-7', roles: ['agent'], projects: ['P1'] }))).toBe(true);
    expect(audienceIncludes(supervisorsOfP1, reader({ sub: 'agent-7', roles: ['agent'], projects: ['P2'] }))).toBe(false);
  });

  it('given a notification of no project, then it reaches the role in every project', () => {
    const noProject: Audience = { roles: ['manager'], userIds: [] };
    expect(audienceIncludes(noProject, reader({ roles: ['manager'], projects: ['P9'] }))).toBe(true);
  });

  it('given handlers, then only the handlers of the ticket’s department are reached', () => {
    const handlers: Audience = { roles: ['agent', 'handler'], projectCode: 'P1', department: 'engineering', userIds: [] };
    expect(audienceIncludes(handlers, reader({ roles: ['handler'], department: 'engineering' }))).toBe(true);
    expect(audienceIncludes(handlers, reader({ roles: ['handler'], department: 'cleaning' }))).toBe(false);
    expect(audienceIncludes(handlers, reader({ roles: ['handler'] }))).toBe(false);
    expect(audienceIncludes({ ...handlers, department: undefined }, reader({ roles: ['handler'], department: 'engineering' }))).toBe(false);
  });

  it('given a handler who is also an agent, then the agent role reaches them in any department', () => {
    const handlers: Audience = { roles: ['agent', 'handler'], projectCode: 'P1', department: 'engineering', userIds: [] };
    expect(audienceIncludes(handlers, reader({ roles: ['handler', 'agent'], department: 'cleaning' }))).toBe(true);
  });
});

describe('whether one reader’s scope lies within another’s', () => {
  const marked = reader({ roles: ['supervisor', 'handler'], department: 'engineering', projects: ['P1', 'P2'] });

  it('given the same token, or one serving fewer projects or holding fewer roles, then it lies within', () => {
    expect(readerWithin(marked, marked)).toBe(true);
    expect(readerWithin(reader({ roles: ['supervisor'], projects: ['P1'] }), marked)).toBe(true);
    expect(readerWithin(reader({ roles: ['supervisor'], projects: ['P1'] }), reader({ roles: ['supervisor'] }))).toBe(true);
  });

  it('given a project, a role or a handler’s department more, or every project, then it does not', () => {
    expect(readerWithin(reader({ roles: ['supervisor'], projects: ['P3'] }), marked)).toBe(false);
    expect(readerWithin(reader({ roles: ['manager'], projects: ['P1'] }), marked)).toBe(false);
    expect(readerWithin(reader({ roles: ['handler'], department: 'cleaning', projects: ['P1'] }), marked)).toBe(false);
    expect(readerWithin(reader({ roles: ['supervisor'] }), marked)).toBe(false);
  });

  it('given another person, then it does not: the notifications naming them differ', () => {
    expect(readerWithin({ ...marked, sub: 'u-2' }, marked)).toBe(false);
  });

  it('given any audience, when a reader lies within another, then every notification reaching the first reaches the second', () => {
    const audiences: Audience[] = [
      supervisorsOfP1,
      { roles: ['handler'], projectCode: 'P2', department: 'engineering', userIds: [] },
      { roles: ['manager'], userIds: ['u-1'] },
      { roles: ['agent'], projectCode: 'P3', userIds: [] },
    ];
    const readers = [
      marked,
      reader({ roles: ['supervisor'], projects: ['P1'] }),
      reader({ roles: ['handler'], department: 'engineering' }),
      reader({ roles: ['manager', 'agent'] }),
      reader({ roles: [], projects: ['P1'] }),
    ];
    for (const narrow of readers) {
      for (const wide of readers) {
        if (!readerWithin(narrow, wide)) continue;
        for (const audience of audiences) {
          if (audienceIncludes(audience, narrow)) expect({ narrow, wide, audience, reaches: audienceIncludes(audience, wide) }).toMatchObject({ reaches: true });
        }
      }
    }
  });
});
