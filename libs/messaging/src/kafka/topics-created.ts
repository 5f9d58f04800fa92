import { KafkaJSAggregateError, KafkaJSProtocolError, type Admin, type ITopicConfig } from 'kafkajs';

/** The brokers refused to create some topics, or the creation failed as a whole; names each and why. */
export class TopicsNotCreatedError extends Error {
  constructor(
    readonly topics: readonly string[],
    reasons: readonly string[],
    cause: unknown,
  ) {
    super(`topics not created: ${topics.map((t, i) => `${t} (${reasons[i]})`).join(', ')}`, { cause });
  }
}

/**
 * Asks the controller to create `topics`: true when it created every one, false when some already
 * existed (kafkajs says so only as a whole, never which). A topic that already exists is no failure:
 * another creator (the topics Job beside a service's start-up) may have made it a moment before.
 * Any other refusal, or a failure of the whole request, is a {@link TopicsNotCreatedError}.
 */
export async function createTopicsAnswered(admin: Admin, topics: readonly ITopicConfig[]): Promise<boolean> {
  try {
    // kafkajs's own wait for leaders retries LEADER_NOT_AVAILABLE only, not a topic the broker does not list yet.
    return await admin.createTopics({ waitForLeaders: false, topics: [...topics] });
  } catch (error) {
    throw notCreated(topics.map((t) => t.topic), error);
  }
}

function notCreated(asked: readonly string[], error: unknown): TopicsNotCreatedError {
  const refusals = error instanceof KafkaJSAggregateError ? error.errors.map(refusal) : [];
  if (refusals.length > 0 && refusals.every((r) => r !== undefined)) {
    // kafkajs answers false only when every refusal is TOPIC_ALREADY_EXISTS; beside another refusal it throws them all.
    const refused = refusals.filter((r) => r.type !== 'TOPIC_ALREADY_EXISTS');
    return new TopicsNotCreatedError(
      refused.map((r) => r.topic),
      refused.map((r) => `${r.type}: ${r.message}`),
      error,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new TopicsNotCreatedError(asked, asked.map(() => reason), error);
}

interface Refusal {
  readonly topic: string;
  readonly type: string;
  readonly message: string;
}

/** One topic's refusal in a CreateTopics answer (kafkajs's KafkaJSCreateTopicError, which its typings leave out). */
function refusal(error: Error | string): Refusal | undefined {
  if (!(error instanceof KafkaJSProtocolError) || !('topic' in error) || typeof error.topic !== 'string') return undefined;
  return { topic: error.topic, type: error.type, message: error.message };
}
