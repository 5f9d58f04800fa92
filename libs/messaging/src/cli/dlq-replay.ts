import { SERVICE_NAMES } from '@cs/config';
import { kafkaFromEnv } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { replayDeadLetters } from '../inbox/dlq-replayer';
import { replayRequest } from './replay-request';

/**
 * `npm run dlq:replay -- <consumer-group> [--limit N]` — replays what that group dead-lettered; in
 * Kubernetes, a Job from the dlq-replay template given these arguments (docs/operations.md).
 * Each service consumes as a group of its own name. Env: KAFKA_BROKERS, and KAFKA_TOPIC_PREFIX
 * for a deployment that has one. Exits 2 when the request is wrong: running again cannot help.
 */
async function main(): Promise<void> {
  const request = replayRequest(process.argv.slice(2), SERVICE_NAMES);
  if ('problem' in request) {
    console.error(request.problem);
    process.exit(2);
  }
  const { group, limit } = request;
  const kafka = kafkaFromEnv('dlq-replayer');
  const publisher = new KafkaRecordPublisher(kafka);
  try {
    const result = await replayDeadLetters(kafka, publisher, group, { limit });
    console.log(`replayed ${result.replayed} message(s) of ${group}; skipped ${result.skipped} without an original topic`);
  } finally {
    await publisher.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
