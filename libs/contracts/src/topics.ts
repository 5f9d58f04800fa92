/**
 * One topic per publishing service's aggregate stream, keyed by aggregate id so the events of
 * one ticket (or contact, or callback) stay in order. The version suffix changes only when
 * the stream itself is replaced; event types carry their own versions.
 */
export const TOPICS = {
  intake: 'intake.events.v1',
  tickets: 'tickets.events.v1',
  callbacks: 'callbacks.events.v1',
  knowledge: 'knowledge.events.v1',
  reporting: 'reporting.events.v1',
  notifications: 'notifications.events.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Each consumer group parks the messages it could not handle on its own dead-letter topic. */
export function deadLetterTopic(consumerGroup: string): string {
  return `${consumerGroup}.dlq.v1`;
}
