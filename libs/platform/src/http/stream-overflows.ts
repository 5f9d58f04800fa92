import { Inject, Injectable } from '@nestjs/common';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { LOGGER, METRICS } from '../tokens';
import { MAX_UNSENT_BYTES } from './server-sent-events';

/**
 * Counts (`sse_streams_overflowed_total{stream}`) and logs the streams closed because their client
 * stopped reading (ADR 0170): many at once is a proxy or a network holding connections it no
 * longer reads. Only the stream's name and its bytes are told; the reader is not.
 */
@Injectable()
export class StreamOverflows {
  constructor(
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** What a stream named `stream` (the route's, as `notifications`) is given to tell its overflow. */
  of(stream: string): (unsentBytes: number) => void {
    return (unsentBytes) => {
      this.metrics.streamsOverflowed.inc({ stream });
      this.logger.warn({ stream, unsentBytes, maxUnsentBytes: MAX_UNSENT_BYTES }, 'event stream closed: its client stopped reading; it resumes from Last-Event-ID');
    };
  }
}
