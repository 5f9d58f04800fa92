import { canAccessProject, hasAnyRole, isRole, missingPermissions, Permission, ROLES, type Principal } from './principal';

const principal = (overrides: Partial<Principal> = {}): Principal => ({
  sub: 'u-1',
  name: 'Agent One',
  roles: ['agent'],
  permissions: [],
  ...overrides,
});

describe('canAccessProject', () => {
  it('treats an absent projects claim as access to every project', () => {
    expect(canAccessProject(principal(), 'P001')).toBe(true);
  });

  it('allows only the listed projects when the claim is present', () => {
    const restricted = principal({ projects: ['P001', 'P002'] });
    expect(canAccessProject(restricted, 'P002')).toBe(true);
    expect(canAccessProject(restricted, 'P003')).toBe(false);
  });

  it('treats an empty projects list as access to none', () => {
    expect(canAccessProject(principal({ projects: [] }), 'P001')).toBe(false);
  });
});

describe('role and permission helpers', () => {
  it('recognises exactly the declared roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(42)).toBe(false);
  });

  it('hasAnyRole needs only one of the roles', () => {
    const supervisor = principal({ roles: ['agent', 'supervisor'] });
    expect(hasAnyRole(supervisor, ['manager', 'supervisor'])).toBe(true);
    expect(hasAnyRole(supervisor, ['manager', 'admin'])).toBe(false);
  });

  it('missingPermissions lists every required permission the principal lacks', () => {
    const reader = principal({ permissions: [Permission.CustomerPiiRead] });
    expect(missingPermissions(reader, [Permission.CustomerPiiRead, 'ticket.close'])).toEqual(['ticket.close']);
    expect(missingPermissions(reader, [Permission.CustomerPiiRead])).toEqual([]);
  });
});
