import { walBetween } from './wal';

describe('what the WAL carried between two readings', () => {
  it('given two readings ten seconds apart, when compared, then the rate, the full page images a second and their share of the records come out', () => {
    const between = walBetween(
      { records: 1_000, fullPageImages: 100, bytes: 0, atMs: 5_000 },
      { records: 21_000, fullPageImages: 8_100, bytes: 262_144_000, atMs: 15_000 },
    );

    expect(between).toEqual({ mibPerSecond: 25, fullPageImagesPerSecond: 800, fullPageImageShare: 40 });
  });

  it('given readings at the same moment or with nothing written, when compared, then every figure is 0 rather than a division by zero', () => {
    const still = { records: 5, fullPageImages: 1, bytes: 10, atMs: 1_000 };

    expect(walBetween(still, still)).toEqual({ mibPerSecond: 0, fullPageImagesPerSecond: 0, fullPageImageShare: 0 });
  });
});
