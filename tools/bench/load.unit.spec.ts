import { firstSecondNote, pacedAfterFirstSecond } from './load';

describe('a paced load measured after its first second', () => {
  it('sends the first second apart, then the measured seconds, numbering the requests on from it', async () => {
    const seen: number[] = [];
    const { firstSecond, measured } = await pacedAfterFirstSecond(20, 1, 10, async (i) => {
      seen.push(i);
      return i !== 25;
    });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(firstSecond).toMatchObject({ failed: 0, skipped: 0 });
    expect(firstSecond.latencies).toHaveLength(20);
    // The measured part holds only its own requests: the first second's are not in its figures.
    expect(measured).toMatchObject({ failed: 1, skipped: 0 });
    expect(measured.latencies).toHaveLength(19);
  });

  it('says what the first second measured, and when nothing of it was answered', () => {
    expect(firstSecondNote({ latencies: [3, 5, 300], failed: 0, skipped: 0 })).toBe('the first second, not counted: p50 5 ms, p99 300 ms');
    expect(firstSecondNote({ latencies: [4], failed: 2, skipped: 1 })).toBe('the first second, not counted: p50 4 ms, p99 4 ms, 3 not answered as expected or not sent');
    expect(firstSecondNote({ latencies: [], failed: 5, skipped: 0 })).toBe('the first second, not counted: none of 5 answered');
  });
});
