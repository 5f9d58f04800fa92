import { MobileNumbers, newMobile } from './mobiles';

describe('mobile numbers for tests', () => {
  it('gives eleven-digit mobiles under each prefix, each prefix counting up from its own start', () => {
    const starts = [40, 7];
    const numbers = new MobileNumbers(() => starts.shift()!);
    expect([numbers.of(), numbers.of('137'), numbers.of(), numbers.of('137'), numbers.of()]).toEqual([
      '13900000040',
      '13700000007',
      '13900000041',
      '13700000008',
      '13900000042',
    ]);
  });

  it('wraps past 99,999,999 to 0 rather than growing a digit', () => {
    const numbers = new MobileNumbers(() => 99_999_998);
    expect([numbers.of('135'), numbers.of('135'), numbers.of('135')]).toEqual(['13599999998', '13599999999', '13500000000']);
  });

  it('refuses what is not a mobile prefix, as an element passed by a mapper would be', () => {
    const numbers = new MobileNumbers(() => 0);
    expect(() => numbers.of('12')).toThrow("'12' is not a mobile prefix");
    expect(() => numbers.of('129')).toThrow(/not a mobile prefix/);
    expect(() => ['李一', '王二'].map(newMobile)).toThrow("'李一' is not a mobile prefix");
  });

  it('draws each start at random, so that two files sharing a database start apart', () => {
    const starts = Array.from({ length: 5 }, () => Number(new MobileNumbers().of().slice(3)));
    // Five equal draws of 10⁸ would be a broken draw, not chance (10⁻³²).
    expect(new Set(starts).size).toBeGreaterThan(1);
    const phones = Array.from({ length: 1_000 }, () => newMobile());
    expect(new Set(phones).size).toBe(1_000);
  });
});
