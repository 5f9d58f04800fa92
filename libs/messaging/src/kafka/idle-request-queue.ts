import { createRequire } from 'node:module';

/** What the fix touches of kafkajs's request queue (one per broker connection; internal, untyped). */
interface RequestQueueInternals {
  readonly pending: readonly unknown[];
  scheduleCheckPendingRequests(this: RequestQueueInternals): void;
}

const FIXED = Symbol.for('cs.messaging.idle-request-queue');
type FixablePrototype = RequestQueueInternals & { [FIXED]?: true };

function requestQueuePrototype(): FixablePrototype {
  const loaded: unknown = createRequire(__filename)('kafkajs/src/network/requestQueue');
  const prototype: unknown = typeof loaded === 'function' ? (loaded as { prototype: unknown }).prototype : undefined;
  if (typeof prototype !== 'object' || prototype === null || typeof (prototype as Partial<RequestQueueInternals>).scheduleCheckPendingRequests !== 'function') {
    throw new Error("kafkajs's request queue is not where docs/adr/0053 expects it: check whether this kafkajs version still needs the fix");
  }
  return prototype as FixablePrototype;
}

/**
 * Stops kafkajs 2.2.4 from re-arming a timer every millisecond on each broker connection for as
 * long as it is open (ADR 0053). After each request the queue schedules a check of its pending
 * requests; with none pending it computes the delay as `throttledUntil - now`, negative when not
 * throttled, and the check schedules the next one. With nothing pending there is nothing to
 * check — queueing a request and each answer schedule it again — so then nothing is scheduled;
 * with requests pending (throttled, or too many in flight) kafkajs's own scheduling runs as before.
 * Idempotent: every client may call it.
 */
export function quietIdleRequestQueues(): void {
  const prototype = requestQueuePrototype();
  if (prototype[FIXED]) return;
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function scheduleWhilePending(this: RequestQueueInternals): void {
    if (this.pending.length > 0) schedule.call(this);
  };
  prototype[FIXED] = true;
}
