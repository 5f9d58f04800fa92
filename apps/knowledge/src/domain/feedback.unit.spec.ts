import { changesCounts, feedbackDelta } from './feedback';

describe('feedbackDelta', () => {
  it('given an answer read to a customer, then each reading counts', () => {
    expect(feedbackDelta('used', undefined)).toEqual({ used: 1, helped: 0, not_helped: 0 });
  });

  it("given a user's first verdict, then it counts once", () => {
    expect(feedbackDelta('helped', undefined)).toEqual({ used: 0, helped: 1, not_helped: 0 });
    expect(feedbackDelta('not_helped', undefined)).toEqual({ used: 0, helped: 0, not_helped: 1 });
  });

  it('given the same verdict again, then nothing changes', () => {
    const delta = feedbackDelta('helped', 'helped');
    expect(delta).toEqual({ used: 0, helped: 0, not_helped: 0 });
    expect(changesCounts(delta)).toBe(false);
  });

  it('given a changed verdict, then its vote moves', () => {
    expect(feedbackDelta('not_helped', 'helped')).toEqual({ used: 0, helped: -1, not_helped: 1 });
    expect(feedbackDelta('helped', 'not_helped')).toEqual({ used: 0, helped: 1, not_helped: -1 });
  });
});
