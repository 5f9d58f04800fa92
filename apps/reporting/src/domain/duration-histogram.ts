/**
 * Working-minute durations as histograms that add up: a percentile of a million tickets is read
 * from a few hundred bins summed over the period instead of a million sorted values.
 *
 * Durations are kept in hundredths of a minute (integers, so every sum is exact). Bins grow by
 * 2 % each, so every value of a bin is within 2 % of every other; a bin also keeps the sum of
 * its values. The percentile is the mean of the bin holding the nearest rank: within 2 % of the
 * exact nearest-rank value, and equal to it whenever that bin holds one value, or equal values.
 */

/** Hundredths of a working minute. */
export type Hundredths = number;

export interface DurationBin {
  readonly tickets: number;
  /** The sum of the durations in the bin, in hundredths. */
  readonly hundredths: number;
}

/** Bins by their number; a missing bin is empty. */
export type DurationHistogram = ReadonlyMap<number, DurationBin>;

export const EMPTY_HISTOGRAM: DurationHistogram = new Map();

/** How much wider each bin is than the one before: the bound on a percentile's error. */
export const BIN_GROWTH = 1.02;
const LOG_GROWTH = Math.log(BIN_GROWTH);

/** A duration of no working time at all (received and answered outside working hours) has a bin of its own. */
const ZERO_BIN = -1;

/** The bin of a duration: `BIN_GROWTH^bin ≤ value < BIN_GROWTH^(bin + 1)`, up to floating-point rounding at the edges. */
export function binOf(value: Hundredths): number {
  return value <= 0 ? ZERO_BIN : Math.floor(Math.log(value) / LOG_GROWTH);
}

/** Minutes rounded to the hundredth, as the figures show them, in hundredths. */
export const toHundredths = (minutes: number): Hundredths => Math.round(minutes * 100);

/** `histogram` with `sign` × (`tickets`, `hundredths`) added to `bin`; a bin that empties is dropped. */
export function addToHistogram(histogram: Map<number, DurationBin>, bin: number, tickets: number, hundredths: number): void {
  const before = histogram.get(bin);
  const after = { tickets: (before?.tickets ?? 0) + tickets, hundredths: (before?.hundredths ?? 0) + hundredths };
  if (after.tickets === 0 && after.hundredths === 0) histogram.delete(bin);
  else histogram.set(bin, after);
}

export function histogramOf(values: readonly Hundredths[]): DurationHistogram {
  const histogram = new Map<number, DurationBin>();
  for (const value of values) addToHistogram(histogram, binOf(value), 1, value);
  return histogram;
}

export function mergeHistograms(a: DurationHistogram, b: DurationHistogram): DurationHistogram {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const merged = new Map(a);
  for (const [bin, { tickets, hundredths }] of b) addToHistogram(merged, bin, tickets, hundredths);
  return merged;
}

/**
 * The nearest-rank percentile `p` (the smallest value with at least p of the values at or below
 * it), read as the mean of the bin that holds that rank, in minutes to the hundredth; null when
 * the histogram is empty.
 */
export function histogramPercentile(histogram: DurationHistogram, p: number): number | null {
  return histogramPercentiles(histogram, [p])[0] ?? null;
}

/**
 * `histogramPercentile` for each of `ps`, in their order, from one sort of the bins: a report
 * reads two percentiles of two measures for every group it shows, and sorting the same bins for
 * each was a fifth of its time over a month of a million tickets.
 */
export function histogramPercentiles(histogram: DurationHistogram, ps: readonly number[]): (number | null)[] {
  let count = 0;
  const held: number[] = [];
  for (const [bin, { tickets }] of histogram) {
    if (tickets <= 0) continue;
    held.push(bin);
    count += tickets;
  }
  if (count === 0) return ps.map(() => null);
  // A typed array sorts numerically, in place (an array's own sort compares strings); Float64 keeps any key as it is.
  const bins = Float64Array.from(held).sort();
  return ps.map((p) => {
    const rank = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const number of bins) {
      const bin = histogram.get(number)!;
      seen += bin.tickets;
      if (seen >= rank) return Math.round(bin.hundredths / bin.tickets) / 100;
    }
    return null;
  });
}
