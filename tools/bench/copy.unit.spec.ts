import { relativePolling } from './copy';

describe('polling a watched contact', () => {
  it('polls at the minimum while the wait is short, then every twentieth of the time waited', () => {
    const every = relativePolling(20);
    expect(every(0)).toBe(20);
    expect(every(300)).toBe(20);
    expect(every(1_000)).toBe(50);
    expect(every(11_000)).toBe(550);
  });
});
