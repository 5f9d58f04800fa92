import type { KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@cs/contracts';
import { type KafkaRecord, headerRecord } from '../envelope';

export const DLQ_HEADERS = {
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  consumerGroup: 'dlq_consumer_group',
  reason: 'dlq_reason',
  error: 'dlq_error',
  attempts: 'dlq_attempts',
  failedAt: 'dlq_failed_at',
} as const;

export type DeadLetterReason = 'malformed' | 'contract' | 'handler';

/** The original message, untouched, plus headers saying where it came from and why it failed. */
export function deadLetterRecord(
  group: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  failure: { reason: DeadLetterReason; error: string; attempts: number },
): KafkaRecord {
  const headers = headerRecord(source.message.headers);
  Object.assign(headers, {
    [DLQ_HEADERS.originalTopic]: source.topic,
    [DLQ_HEADERS.originalPartition]: String(source.partition),
    [DLQ_HEADERS.originalOffset]: source.message.offset,
    [DLQ_HEADERS.consumerGroup]: group,
    [DLQ_HEADERS.reason]: failure.reason,
    [DLQ_HEADERS.error]: failure.error.slice(0, 1_000),
    [DLQ_HEADERS.attempts]: String(failure.attempts),
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  });
  return {
    topic: deadLetterTopic(group),
    key: source.message.key?.toString() ?? '',
    value: source.message.value?.toString() ?? '',
    headers,
  };
}

/** Strips the dead-letter headers so a replayed message looks exactly like the original. */
export function replayRecord(message: KafkaMessage): KafkaRecord | undefined {
  const headers = headerRecord(message.headers);
  const topic = headers[DLQ_HEADERS.originalTopic];
  if (!topic) return undefined;
  for (const name of Object.values(DLQ_HEADERS)) delete headers[name];
  return { topic, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers };
}
