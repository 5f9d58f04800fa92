import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/**
 * The V8 heap in use right after the last full collection (mark-sweep-compact): what the
 * process's live objects hold. A resident size swings with the collector (up as the heap fills,
 * down when a collection gives pages back, and higher for good where V8 grows its heap under
 * load), so it cannot tell a leak from a busy collector; the live set can: a leak raises it from
 * one full collection to the next, a busy collector does not. Read right as the collection's
 * entry is delivered, a moment after it ended, so what was allocated in between is counted too:
 * a little, and the same little each time.
 */
let liveBytes: number | undefined;
let observer: PerformanceObserver | undefined;

/** Starts following the process's full collections, once however often it is called. */
export function followLiveHeap(): void {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    // A gc entry's kind is in its detail since Node 16 (its own `kind` is deprecated), which the entries' type does not name.
    if (list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) {
      liveBytes = getHeapStatistics().used_heap_size;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** The heap in use after the last full collection, in bytes; undefined before the first one. */
export function liveHeapBytes(): number | undefined {
  return liveBytes;
}
