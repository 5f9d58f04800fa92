import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { followLiveHeap, liveHeap } from './live-heap';

/** One registry per service process, exposed on `/metrics` in Prometheus text format. */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly streamsOverflowed = new Counter({
    name: 'sse_streams_overflowed_total',
    help: 'Server-sent event streams closed because their client stopped reading and what they held unsent would pass the bound, by stream',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'outbox_events_published_total',
    help: 'Events the outbox relay has published to Kafka',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly outboxPending = new Gauge({
    name: 'outbox_events_pending',
    help: 'Events written to the outbox and not yet published',
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: 'events_consumed_total',
    help: 'Events handled by a consumer, by type and outcome (handled, duplicate, ignored, dead_lettered)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consumerRetries = new Counter({
    name: 'consumer_retries_total',
    help: 'Handler attempts that failed and were retried',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly consumerRestarts = new Counter({
    name: 'consumer_restarts_total',
    help: 'Consumers started again after a crash kafkajs does not restart from (a dead-letter publish refused for good, …), by group',
    labelNames: ['group'] as const,
    registers: [this.registry],
  });

  readonly loopRounds = new Counter({
    name: 'background_loop_rounds_total',
    help: 'Rounds of a background loop (timers, deadlines, deliveries, folds), by loop and outcome (ok, failed)',
    labelNames: ['loop', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly loopLastSuccess = new Gauge({
    name: 'background_loop_last_success_timestamp_seconds',
    help: 'When a background loop last ended a round without failing, in Unix seconds',
    labelNames: ['loop'] as const,
    registers: [this.registry],
  });

  readonly heapLive = new Gauge({
    name: 'nodejs_heap_live_bytes',
    help: 'V8 heap in use right after the last full collection, the young generation left out: the long-lived objects, which a leak raises from one full collection to the next and a busy collector does not (0 until the first one)',
    registers: [this.registry],
    collect() {
      const live = liveHeap();
      if (live) this.set(live.bytes);
    },
  });

  readonly heapLiveAt = new Gauge({
    name: 'nodejs_heap_live_timestamp_seconds',
    help: 'When nodejs_heap_live_bytes was read, right after the full collection it follows, in Unix seconds: a new value is a new collection (0 until the first one)',
    registers: [this.registry],
    collect() {
      const live = liveHeap();
      if (live) this.set(live.at / 1000);
    },
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    followLiveHeap();
  }
}
