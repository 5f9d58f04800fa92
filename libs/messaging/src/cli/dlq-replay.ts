import { SERVICE_NAMES, readEnvironment } from '@cs/config';
import { kafkaFromEnv } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { ReplayInProgressError, replayDeadLetters, replayerClientId } from '../inbox/dlq-replayer';
import { replayRequest } from './replay-request';

/**
 * `npm run dlq:replay -- <consumer-group> [--limit N] [--run ID]` — replays what that group dead-lettered; in
 * Kubernetes, a Job from the dlq-replay template given these arguments (docs/operations.md).
 * Each service consumes as a group of its own name. Env: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX for a
 * deployment that has one, and CONSUMER_SESSION_TIMEOUT_MS, the services' own (platform-config):
 * the replayer's member holds its group as theirs do. `--run` names the replay across its attempts
 * (the Job's uid), so `--limit` holds for the Job, not for each pod it starts. Exits 2 when the request is wrong
 * or another replay of the group is running: running again cannot help.
 */
async function main(): Promise<void> {
  const request = replayRequest(process.argv.slice(2), SERVICE_NAMES);
  if ('problem' in request) {
    console.error(request.problem);
    process.exit(2);
  }
  const { group, limit, run } = request;
  const sessionTimeoutMs = readEnvironment().CONSUMER_SESSION_TIMEOUT_MS;
  const kafka = kafkaFromEnv(replayerClientId(run));
  const publisher = new KafkaRecordPublisher(kafka);
  try {
    const result = await replayDeadLetters(kafka, publisher, group, { limit, run, sessionTimeoutMs });
    console.log(`replayed ${result.replayed} message(s) of ${group}; skipped ${result.skipped} without an original topic`);
  } finally {
    await publisher.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // Another replay of the group is running: this one is refused, not tried again beside it.
  process.exit(error instanceof ReplayInProgressError ? 2 : 1);
});
