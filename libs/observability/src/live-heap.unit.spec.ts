import { PerformanceObserver, constants } from 'node:perf_hooks';
import { spawnTypeScript, watchProcess } from '@cs/testing';
import { gcKind } from './live-heap';
import { LiveHeapReading, liveHeapReadings } from './testing/live-heap-readings';

/**
 * `nodejs_heap_live_bytes` is the heap in use after the last full collection, the young generation
 * left out, and `nodejs_heap_live_timestamp_seconds` when it was read: what a soak judges a leak
 * by (tools/bench/soak-verdict.ts), where a resident size also moves with the collector.
 */
const MIB = 1024 * 1024;
const { gauges, afterFullCollection } = liveHeapReadings();

/** Counts the collections of each kind from now on. */
function countCollections(): { minor: number; major: number; stop: () => void } {
  const counts = { minor: 0, major: 0, stop: () => observer.disconnect() };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKind(entry);
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) counts.minor += 1;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) counts.major += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return counts;
}

describe('the live heap', () => {
  it('rises by what is kept and falls by what is let go, from one full collection to the next', async () => {
    // Given a process of its own (the runner's worker holds, and lets go, what earlier test files left), which reads
    // its gauges after full collections with nothing kept, with 60 MiB-odd of objects kept, and once they are let go
    const ended = await watchProcess(spawnTypeScript('libs/observability/src/testing/keeps-and-lets-go.ts')).ended;
    expect(ended).toMatchObject({ code: 0, signal: null });
    const { at, withKept, afterLettingGo } = JSON.parse(ended.output) as Record<'at' | 'withKept' | 'afterLettingGo', LiveHeapReading>;

    // Then the gauge rose by at least 20 MiB while they were kept, and fell by as much once they were let go
    // (not to the byte where it was: the process's own objects come and go meanwhile); each reading is stamped anew
    expect(withKept.bytes - at.bytes).toBeGreaterThan(20 * MIB);
    expect(withKept.bytes - afterLettingGo.bytes).toBeGreaterThan(20 * MIB);
    expect(at.at).toBeGreaterThan(0);
    expect(withKept.at).toBeGreaterThanOrEqual(at.at);
    expect(afterLettingGo.at).toBeGreaterThanOrEqual(withKept.at);
  }, 30_000);

  it('stays where the last full collection left it while young collections come and go', async () => {
    // Given a reading after a full collection
    const read = await afterFullCollection();
    const collections = countCollections();

    // When short-lived objects fill the young generation again and again, with no full collection
    try {
      for (let round = 0; round < 500 && collections.minor < 3; round += 1) {
        let churn: { n: number; text: string }[] = [];
        for (let n = 0; n < 50_000; n += 1) churn.push({ n, text: `short-lived ${n}` });
        churn = [];
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      collections.stop();
    }

    // Then young collections ran, none was full, and the gauges hold the full collection's reading
    expect(collections.minor).toBeGreaterThanOrEqual(3);
    expect(collections.major).toBe(0);
    expect(await gauges()).toEqual(read);
  });

  it('keeps no process alive: a process that follows it, through a full collection, ends by itself', async () => {
    const child = spawnTypeScript('libs/observability/src/testing/follows-live-heap.ts');
    const ended = await watchProcess(child).ended;
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(Number(/live heap (\d+)/.exec(ended.output)?.[1])).toBeGreaterThan(0);
  }, 30_000);
});
