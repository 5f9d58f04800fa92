import { PerformanceEntry, PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

/**
 * V8's heap in use right after the last full collection (mark-sweep-compact), the young
 * generation left out: what the process's long-lived objects hold. A resident size swings with the
 * collector (up as the heap fills, down when a collection gives pages back, and higher for good
 * where V8 grows its heap under load), so it cannot tell a leak from a busy collector; the
 * long-lived set can: a leak raises it from one full collection to the next, a busy collector does
 * not. A collection's entry is delivered a loop turn or more after it, by when the young generation
 * has filled again by however much the load allocated meanwhile (up to its 16 MiB), so it is
 * subtracted; a leaked object outlives young collections and is in the old generation by then.
 */
export interface LiveHeap {
  readonly bytes: number;
  /** When the full collection's entry was read, in Unix milliseconds: one reading per collection. */
  readonly at: number;
}

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);
let last: LiveHeap | undefined;
let observer: PerformanceObserver | undefined;

function youngBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => YOUNG_SPACES.has(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

/**
 * A gc entry's kind (`constants.NODE_PERFORMANCE_GC_MAJOR`, `…_MINOR`…): in its detail since Node
 * 16 (its own `kind` is deprecated), which the entries' type does not name.
 */
export function gcKind(entry: PerformanceEntry): number | undefined {
  return (entry as { detail?: { kind?: number } }).detail?.kind;
}

/** Starts following the process's full collections, once however often it is called. */
export function followLiveHeap(): void {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    // A full collection that ends incremental marking comes as MAJOR too.
    if (list.getEntries().some((entry) => gcKind(entry) === constants.NODE_PERFORMANCE_GC_MAJOR)) {
      last = { bytes: getHeapStatistics().used_heap_size - youngBytes(), at: Date.now() };
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** The heap in use after the last full collection, and when; undefined before the first one. */
export function liveHeap(): LiveHeap | undefined {
  return last;
}
