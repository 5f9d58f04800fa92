import { draftShare } from './gap';

describe('draftShare', () => {
  it('given a drafter serving every project, then the draft is for what is left of the gap, whole', () => {
    expect(draftShare({ projects: ['P001', 'P002'] }, undefined)).toEqual({ whole: true, projects: ['P001', 'P002'] });
    expect(draftShare({ projects: ['P001', 'P002'], draftedApart: ['P002'] }, undefined)).toEqual({ whole: true, projects: ['P001'] });
    expect(draftShare({}, undefined)).toEqual({ whole: true, projects: null });
  });

  it('given a drafter serving some of the projects, then their share is drafted apart and the rest stays open', () => {
    expect(draftShare({ projects: ['P001', 'P002'] }, ['P002', 'P003'])).toEqual({ whole: false, projects: ['P002'] });
    expect(draftShare({}, ['P003', 'P002'])).toEqual({ whole: false, projects: ['P002', 'P003'] });
    expect(draftShare({ draftedApart: ['P002'] }, ['P003', 'P002'])).toEqual({ whole: false, projects: ['P003'] });
  });

  it('given a drafter serving every project still open, then the gap is drafted whole', () => {
    expect(draftShare({ projects: ['P001', 'P002'] }, ['P001', 'P002', 'P009'])).toEqual({ whole: true, projects: ['P001', 'P002'] });
    expect(draftShare({ projects: ['P001', 'P002'], draftedApart: ['P002'] }, ['P001'])).toEqual({ whole: true, projects: ['P001'] });
  });

  it('given nothing left the drafter serves, then there is nothing to draft', () => {
    expect(draftShare({ projects: ['P001', 'P002'], draftedApart: ['P002'] }, ['P002'])).toBeNull();
    expect(draftShare({ draftedApart: ['P002'] }, ['P002'])).toBeNull();
    expect(draftShare({ projects: ['P001'], draftedApart: ['P001'] }, undefined)).toBeNull();
  });
});
