import { grantsOf, holdsGrants, isGrants } from './idempotency-grants';

const agent = { sub: 'u1', name: 'u1', roles: ['agent', 'supervisor'] as const, permissions: ['customer.pii.read'], projects: ['P1', 'P2'], department: 'D1' };
const given = grantsOf({ ...agent, roles: [...agent.roles] });

describe('holdsGrants', () => {
  it('given the same rights, or more, then the answer may be replayed', () => {
    expect(holdsGrants(given, given)).toBe(true);
    expect(holdsGrants({ ...given, projects: ['P2', 'P1', 'P3'], roles: [...given.roles, 'admin'], permissions: [...given.permissions, 'x'] }, given)).toBe(true);
    const { projects: _projects, ...everyProject } = given;
    expect(holdsGrants(everyProject, given)).toBe(true);
  });

  it('given a project, a role, a permission withdrawn or another department, then it may not', () => {
    expect(holdsGrants({ ...given, projects: ['P2'] }, given)).toBe(false);
    expect(holdsGrants({ ...given, roles: ['agent'] }, given)).toBe(false);
    expect(holdsGrants({ ...given, permissions: [] }, given)).toBe(false);
    expect(holdsGrants({ ...given, department: 'D2' }, given)).toBe(false);
  });

  it('given an answer given to a caller serving every project, then a caller limited to some does not hold it', () => {
    const { projects: _projects, ...everyProject } = given;
    expect(holdsGrants(given, everyProject)).toBe(false);
  });
});

describe('isGrants', () => {
  it('reads what grantsOf writes, and refuses what it cannot be', () => {
    expect(isGrants(JSON.parse(JSON.stringify(given)))).toBe(true);
    expect(isGrants({ roles: ['agent'], permissions: [] })).toBe(true);
    expect(isGrants({ roles: 'agent', permissions: [] })).toBe(false);
    expect(isGrants({ roles: [], permissions: [], projects: [1] })).toBe(false);
    expect(isGrants(null)).toBe(false);
  });
});
