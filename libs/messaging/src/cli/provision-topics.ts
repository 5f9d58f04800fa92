import { SERVICE_NAMES, readEnvironment } from '@cs/config';
import { kafkaFromEnv } from '../kafka/kafka-client';
import { ensureTopics } from '../kafka/topics';
import { platformTopics } from '../platform-topics';

/**
 * Creates every platform topic that is missing.
 * Env: KAFKA_BROKERS, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, KAFKA_TOPIC_PREFIX.
 */
async function main(): Promise<void> {
  const env = readEnvironment();
  const kafka = kafkaFromEnv('topic-provisioner');
  const created = await ensureTopics(kafka, platformTopics(env.KAFKA_TOPIC_PARTITIONS, env.KAFKA_REPLICATION_FACTOR, SERVICE_NAMES));
  console.log(created.length ? `created topics: ${created.join(', ')}` : 'all topics exist');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
