import { readEnvironment } from '@cs/config';
import { kafkaFromEnv } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import type { RecordPublisher } from '../ports';
import { replayDeadLetters, replayerClientId } from '../inbox/dlq-replayer';

/**
 * `held-replay <group> <run> <limit> <published>`: a replay run's attempt, as a dlq-replay Job's
 * pod makes it, that publishes `published` dead letters back and then holds the next one for ever,
 * writing `held` once it does: a test ends it with SIGKILL there, as a node's crash ends a pod.
 * Env as dlq-replay's (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, CONSUMER_SESSION_TIMEOUT_MS).
 */
const [group = '', run = '', limit = '', published = ''] = process.argv.slice(2);
const kafka = kafkaFromEnv(replayerClientId(run));
const publisher = new KafkaRecordPublisher(kafka);
let sent = 0;
const holding: RecordPublisher = {
  publish: async (records) => {
    if (sent >= Number(published)) {
      process.stdout.write('held\n');
      await new Promise<never>(() => undefined);
    }
    await publisher.publish(records);
    sent += records.length;
  },
};
void replayDeadLetters(kafka, holding, group, { run, limit: Number(limit), sessionTimeoutMs: readEnvironment().CONSUMER_SESSION_TIMEOUT_MS });
