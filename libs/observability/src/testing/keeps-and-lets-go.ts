import { LiveHeapReading, liveHeapReadings } from './live-heap-readings';

/**
 * A process that reads its own live-heap gauges after full collections: with nothing kept, with
 * 60 MiB-odd of objects kept, and once they are let go, and prints the three readings as JSON. It
 * runs apart from the test runner, whose worker holds what earlier test files left and lets it go
 * at times of its own (a baseline read in the worker once stood 31.8 MiB above the reading with the
 * objects kept).
 */
const { afterFullCollection } = liveHeapReadings();

/** The least of three readings: a reading takes in whatever was allocated before the entry came, which only ever adds. */
async function leastAfterFullCollections(): Promise<LiveHeapReading> {
  const readings = [await afterFullCollection(), await afterFullCollection(), await afterFullCollection()];
  return readings.reduce((least, reading) => (reading.bytes < least.bytes ? reading : least));
}

void (async () => {
  const at = await leastAfterFullCollections();
  const holder: { kept?: { n: number; text: string }[] } = { kept: Array.from({ length: 500_000 }, (_, n) => ({ n, text: `object ${n} kept` })) };
  const withKept = await afterFullCollection();
  delete holder.kept;
  const afterLettingGo = await leastAfterFullCollections();
  process.stdout.write(`${JSON.stringify({ at, withKept, afterLettingGo })}\n`);
})();
