import { doneInRun, progressMark } from './replay-progress';

describe('a replay run’s progress, kept with its commits', () => {
  it('given commits of the run, then its count is the highest they carry', () => {
    expect(doneInRun([progressMark('job-1', 2), progressMark('job-1', 5), null], 'job-1')).toBe(5);
  });

  it('given commits of another run, none, or metadata it did not write, then the run starts from 0', () => {
    expect(doneInRun([progressMark('job-0', 7)], 'job-1')).toBe(0);
    expect(doneInRun([], 'job-1')).toBe(0);
    expect(doneInRun(['', 'not json', '{"run":"job-1","done":"3"}', '[1]'], 'job-1')).toBe(0);
  });

  it('given a replay that names no run, then it writes no mark and counts from 0', () => {
    expect(progressMark(undefined, 3)).toBeNull();
    expect(doneInRun([progressMark('job-1', 5)], undefined)).toBe(0);
  });
});
