import { KafkaJSError, KafkaJSNonRetriableError } from 'kafkajs';
import { deadLetterTopic } from '@cs/contracts';
import type { KafkaRecord } from '../envelope';
import type { RecordPublisher } from '../ports';

/** Which dead letter a {@link RefusingDeadLetter} refuses, and how. */
export interface DeadLetterRefusal {
  /** The group whose dead-letter topic is watched. */
  readonly group: string;
  /** The publish holding a dead letter of the group to refuse, counting from 1. */
  readonly nth: number;
  /** What the refused publish throws. */
  readonly error: () => Error;
}

/**
 * Publishes as `inner` does, but refuses one publish holding a dead letter of the group, the
 * `nth`, as the broker or kafkajs would: what the consumer does then is what the suites using it
 * test.
 */
export class RefusingDeadLetter implements RecordPublisher {
  /** The publishes that held a dead letter of the group, the refused one included. */
  deadLetters = 0;
  refused = 0;

  constructor(
    private readonly inner: RecordPublisher,
    private readonly refusal: DeadLetterRefusal,
  ) {}

  async publish(records: readonly KafkaRecord[]): Promise<void> {
    if (records.some((r) => r.topic === deadLetterTopic(this.refusal.group)) && ++this.deadLetters === this.refusal.nth) {
      this.refused += 1;
      throw this.refusal.error();
    }
    await this.inner.publish(records);
  }
}

/** A broker refusing the dead letter's size: kafkajs does not retry it and stops the consumer for good. */
export const messageTooLarge = (): Error =>
  new KafkaJSNonRetriableError('The request included a message larger than the max message size the server will accept');

/** kafkajs' own KafkaJSNoBrokerAvailableError, which its types do not export: retriable, and ends the fetch loop at once. */
export const noBrokerAvailable = (): Error => Object.assign(new KafkaJSError('No broker available'), { name: 'KafkaJSNoBrokerAvailableError' });

/** A publish abandoned when its producer was replaced: an error kafkajs retries without leaving the group. */
export const publishAbandoned = (): Error => new Error('the publish was abandoned; its producer was replaced');
