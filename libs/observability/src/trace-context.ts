import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';

/**
 * W3C Trace Context, the propagation format of OpenTelemetry. It travels in the HTTP
 * `traceparent` header and in the `traceparent` header of every Kafka message, so one
 * customer contact can be followed through all five services' logs.
 */
export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly sampled: boolean;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const storage = new AsyncLocalStorage<TraceContext>();

export function parseTraceparent(header: string | undefined | null): TraceContext | undefined {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match;
  if (/^0+$/.test(traceId!) || /^0+$/.test(spanId!)) return undefined;
  return { traceId: traceId!, spanId: spanId!, sampled: (parseInt(flags!, 16) & 1) === 1 };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.sampled ? '01' : '00'}`;
}

/**
 * Random bytes for ids, drawn from a pool filled 4 KiB at a time (`randomUUID` pools its entropy
 * the same way): every request and every consumed event gets a span id, and a call into the
 * random generator for 8 bytes each cost intake and the consumers a few percent of their time.
 * Ids need to be unique, not secret.
 */
const pool = Buffer.allocUnsafe(4096);
let poolAt = pool.length;

function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes);
  poolAt += bytes;
  // An all-zero id is invalid in W3C Trace Context (one in 2^64 span ids, 2^128 trace ids): drawn again.
  return /^0+$/.test(hex) ? randomHex(bytes) : hex;
}

/** A child span of the given parent, or the root of a new trace. */
export function childContext(parent?: TraceContext): TraceContext {
  return {
    traceId: parent?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    sampled: parent?.sampled ?? true,
  };
}

export function runInTrace<T>(context: TraceContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}
