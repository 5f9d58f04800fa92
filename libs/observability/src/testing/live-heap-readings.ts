import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { liveHeap } from '../live-heap';
import { ServiceMetrics } from '../metrics';
import { metricSamples } from '../metrics-text';

/** A reading of the live heap's two gauges. */
export interface LiveHeapReading {
  readonly bytes: number;
  readonly at: number;
}

/** The process's live-heap gauges as a scrape reads them, and full collections on demand. */
export function liveHeapReadings(metrics = new ServiceMetrics('live-heap-test')): {
  gauges: () => Promise<LiveHeapReading>;
  afterFullCollection: () => Promise<LiveHeapReading>;
} {
  setFlagsFromString('--expose-gc');
  const fullCollection = runInNewContext('gc') as () => void;

  async function gauges(): Promise<LiveHeapReading> {
    const text = await metrics.registry.metrics();
    return { bytes: metricSamples(text, 'nodejs_heap_live_bytes')[0]!.value, at: metricSamples(text, 'nodejs_heap_live_timestamp_seconds')[0]!.value };
  }

  async function afterFullCollection(): Promise<LiveHeapReading> {
    const before = liveHeap();
    fullCollection();
    // The collection's entry is delivered a moment after it.
    for (let waited = 0; liveHeap() === before; waited += 10) {
      if (waited > 4_000) throw new Error('no full collection was seen within 4 s');
      await sleep(10);
    }
    return gauges();
  }

  return { gauges, afterFullCollection };
}
