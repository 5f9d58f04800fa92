import { anyInProjectScope, inProjectScope, projectScopeOf, scopedProjects } from './project-scope';

describe('project scope', () => {
  const all = projectScopeOf({});
  const p002 = projectScopeOf({ projects: ['P002'] });

  it('is every project when the token names none', () => {
    expect(all).toEqual({ all: true });
    expect(inProjectScope(all, 'P001')).toBe(true);
    expect(scopedProjects(all)).toBeUndefined();
  });

  it('is the listed projects when the token names them', () => {
    expect(inProjectScope(p002, 'P002')).toBe(true);
    expect(inProjectScope(p002, 'P001')).toBe(false);
    expect(scopedProjects(p002)).toEqual(['P002']);
  });

  it('lets everyone see what is tied to no project', () => {
    expect(inProjectScope(p002, undefined)).toBe(true);
    expect(inProjectScope(p002, null)).toBe(true);
    expect(anyInProjectScope(p002, [])).toBe(true);
  });

  it('sees a record of several projects when one of them is served', () => {
    expect(anyInProjectScope(p002, ['P001', 'P002'])).toBe(true);
    expect(anyInProjectScope(p002, ['P001'])).toBe(false);
  });

  it('sees nothing project-bound when the token names an empty list', () => {
    expect(inProjectScope(projectScopeOf({ projects: [] }), 'P001')).toBe(false);
  });
});
