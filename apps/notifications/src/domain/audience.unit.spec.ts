import { Audience, Reader, audienceIncludes } from './audience';

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
