import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eventually, spawnTypeScript, watchProcess } from '@cs/testing';
import { liveHeapBytes } from './live-heap';
import { ServiceMetrics } from './metrics';
import { metricSamples } from './metrics-text';

/**
 * `nodejs_heap_live_bytes` is the heap in use after the last full collection: what a soak judges
 * a leak by (tools/bench/soak-verdict.ts), where a resident size also moves with the collector.
 */
setFlagsFromString('--expose-gc');
const fullCollection = runInNewContext('gc') as () => void;

const MIB = 1024 * 1024;
const metrics = new ServiceMetrics('live-heap-test');

async function liveAfterFullCollection(): Promise<number> {
  const before = liveHeapBytes();
  fullCollection();
  // The collection's entry is delivered a moment after it.
  await eventually(() => expect(liveHeapBytes()).not.toBe(before), 5_000, 10);
  const [sample] = metricSamples(await metrics.registry.metrics(), 'nodejs_heap_live_bytes');
  return sample!.value;
}

describe('the live heap', () => {
  it('rises by what is kept and falls by what is let go, from one full collection to the next', async () => {
    // Given the heap's live set after a full collection
    const at = await liveAfterFullCollection();

    // When 60 MiB-odd of objects are kept, then let go
    const holder: { kept?: { n: number; text: string }[] } = { kept: Array.from({ length: 500_000 }, (_, n) => ({ n, text: `object ${n} kept` })) };
    const withKept = await liveAfterFullCollection();
    delete holder.kept;
    const afterLettingGo = await liveAfterFullCollection();

    // Then the gauge rose by at least 20 MiB while they were kept, and fell by as much once they were let go
    // (not to the byte where it was: the worker's own objects come and go meanwhile)
    expect(withKept - at).toBeGreaterThan(20 * MIB);
    expect(withKept - afterLettingGo).toBeGreaterThan(20 * MIB);
  });

  it('keeps no process alive: a process that follows it ends by itself', async () => {
    const child = spawnTypeScript('libs/observability/src/testing/follows-live-heap.ts');
    const ended = await watchProcess(child).ended;
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(ended.output).toContain('following');
  }, 30_000);
});
