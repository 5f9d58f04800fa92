import { DEV_KAFKA_BROKERS, readEnvironment, splitBrokers } from '@cs/config';
import { createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { replayDeadLetters } from '../inbox/dlq-replayer';

/** `npm run dlq:replay -- <consumer-group> [--limit N]` — replays what that group dead-lettered. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const group = args.find((a) => !a.startsWith('--'));
  const limitIndex = args.indexOf('--limit');
  const limit = limitIndex >= 0 ? Number(args[limitIndex + 1]) : undefined;
  if (!group || (limit !== undefined && !(limit > 0))) {
    console.error('usage: dlq-replay <consumer-group> [--limit N]');
    process.exit(2);
  }
  const kafka = createKafka({ brokers: splitBrokers(readEnvironment().KAFKA_BROKERS ?? DEV_KAFKA_BROKERS), clientId: 'dlq-replayer' });
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
