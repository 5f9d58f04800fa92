import { projectCondition } from './project-filter';

describe('projectCondition', () => {
  it('keeps every row for a caller serving all projects, adding no parameter', () => {
    const params: unknown[] = ['x'];
    expect(projectCondition('project_code', undefined, params)).toBe('TRUE');
    expect(params).toEqual(['x']);
  });

  it('keeps the caller’s projects and rows of no project, numbering after earlier parameters', () => {
    const params: unknown[] = ['a', 'b'];
    expect(projectCondition('t.project_code', ['P002'], params)).toBe('(t.project_code IS NULL OR t.project_code = ANY($3::text[]))');
    expect(params).toEqual(['a', 'b', ['P002']]);
  });

  it('keeps only project-less rows for a caller limited to no project at all', () => {
    const params: unknown[] = [];
    expect(projectCondition('project_code', [], params)).toContain('ANY($1::text[])');
    expect(params).toEqual([[]]);
  });
});
