import { offsetOf, stillToReplay } from './kafka-offset';

describe('Kafka offsets past 2^53', () => {
  it('reads an offset exactly, up to the last a 64-bit offset holds, and refuses what is not one', () => {
    expect(offsetOf('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(offsetOf('9223372036854775807')).toBe(2n ** 63n - 1n);
    expect(offsetOf('-1')).toBe(-1n);
    for (const text of ['', ' 1', '1e3', '0x10', '1.0']) expect(() => offsetOf(text)).toThrow(RangeError);
  });

  it('tells the records still to replay from their neighbours, which a number holds as the same value', () => {
    // 2^53 and 2^53 + 1 are the same number; as offsets they are two records.
    const range = { nextOffset: 9_007_199_254_740_993n, endOffset: 9_007_199_254_740_995n };
    expect(['9007199254740992', '9007199254740993', '9007199254740994', '9007199254740995'].map((o) => stillToReplay(range, offsetOf(o)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
