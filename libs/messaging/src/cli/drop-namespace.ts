import { readEnvironment } from '@cs/config';
import { kafkaFromEnv } from '../kafka/kafka-client';
import { dropNamespace } from '../kafka/topics';

/**
 * Deletes every topic and consumer group under KAFKA_TOPIC_PREFIX, once the copy of the
 * platform that used them has stopped. Refuses to run without a prefix. Env: KAFKA_BROKERS.
 */
async function main(): Promise<void> {
  const { topics, groups } = await dropNamespace(kafkaFromEnv('namespace-dropper'));
  console.log(`dropped ${topics.length} topic(s) and ${groups.length} consumer group(s) of ${readEnvironment().KAFKA_TOPIC_PREFIX ?? '(none)'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
