import { PerformanceObserver, constants } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eventually, spawnTypeScript, watchProcess } from '@cs/testing';
import { gcKind, liveHeap } from './live-heap';
import { ServiceMetrics } from './metrics';
import { metricSamples } from './metrics-text';

/**
 * `nodejs_heap_live_bytes` is the heap in use after the last full collection, the young generation
 * left out, and `nodejs_heap_live_timestamp_seconds` when it was read: what a soak judges a leak
 * by (tools/bench/soak-verdict.ts), where a resident size also moves with the collector.
 */
setFlagsFromString('--expose-gc');
const fullCollection = runInNewContext('gc') as () => void;

const MIB = 1024 * 1024;
const metrics = new ServiceMetrics('live-heap-test');

async function gauges(): Promise<{ bytes: number; at: number }> {
  const text = await metrics.registry.metrics();
  return { bytes: metricSamples(text, 'nodejs_heap_live_bytes')[0]!.value, at: metricSamples(text, 'nodejs_heap_live_timestamp_seconds')[0]!.value };
}

async function afterFullCollection(): Promise<{ bytes: number; at: number }> {
  const before = liveHeap();
  fullCollection();
  // The collection's entry is delivered a moment after it.
  await eventually(() => expect(liveHeap()).not.toBe(before), 4_000, 10);
  return gauges();
}

/**
 * The least of three readings after a full collection each. A reading is taken when the
 * collection's entry is delivered, and whatever the test runner allocated in between (its own
 * messages, files it read) is in it until the next collection: it only ever adds. The baseline
 * once read 24.6 MiB above the reading taken later with the kept objects in the heap.
 */
async function leastAfterFullCollections(): Promise<{ bytes: number; at: number }> {
  const readings = [await afterFullCollection(), await afterFullCollection(), await afterFullCollection()];
  return readings.reduce((least, reading) => (reading.bytes < least.bytes ? reading : least));
}

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
    // Given the heap's live set after a full collection
    const at = await leastAfterFullCollections();

    // When 60 MiB-odd of objects are kept, then let go
    const holder: { kept?: { n: number; text: string }[] } = { kept: Array.from({ length: 500_000 }, (_, n) => ({ n, text: `object ${n} kept` })) };
    const withKept = await afterFullCollection();
    delete holder.kept;
    const afterLettingGo = await leastAfterFullCollections();

    // Then the gauge rose by at least 20 MiB while they were kept, and fell by as much once they were let go
    // (not to the byte where it was: the worker's own objects come and go meanwhile); each reading is stamped anew
    expect(withKept.bytes - at.bytes).toBeGreaterThan(20 * MIB);
    expect(withKept.bytes - afterLettingGo.bytes).toBeGreaterThan(20 * MIB);
    expect(at.at).toBeGreaterThan(0);
    expect(withKept.at).toBeGreaterThanOrEqual(at.at);
    expect(afterLettingGo.at).toBeGreaterThanOrEqual(withKept.at);
  });

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
