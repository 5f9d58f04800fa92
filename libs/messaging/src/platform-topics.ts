import { TOPICS, deadLetterTopic } from '@cs/contracts';
import type { TopicSpec } from './ports';

/** Every topic of the platform: one stream per service, one dead-letter topic per consumer group. */
export function platformTopics(partitions: number, replicationFactor: number, consumerGroups: readonly string[]): TopicSpec[] {
  return [...Object.values(TOPICS), ...consumerGroups.map(deadLetterTopic)].map((topic) => ({
    topic,
    partitions,
    replicationFactor,
  }));
}
