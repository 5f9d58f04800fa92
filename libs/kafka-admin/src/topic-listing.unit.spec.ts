import { TopicListingFailedError, deleteListedTopics, listTopicNames } from './topic-listing';

/** What kafkajs's listTopics throws when no broker answered the metadata of the whole cluster without an error. */
const kafkajsListingFailure = () => new TypeError("Cannot destructure property 'topicMetadata' of 'null' as it is null.");

/** An admin whose listing answers in turn with each of `answers`: names, an error, or a read never answered. */
function adminAnswering(...answers: ReadonlyArray<readonly string[] | Error | 'never'>) {
  let asked = 0;
  return {
    get asked() {
      return asked;
    },
    listTopics: async (): Promise<string[]> => {
      const answer = answers[Math.min(asked, answers.length - 1)]!;
      asked += 1;
      if (answer === 'never') return new Promise<string[]>(() => undefined);
      if (answer instanceof Error) throw answer;
      return [...answer];
    },
  };
}

describe('listTopicNames', () => {
  it('given a listing that fails for a moment (a partition led by no one), answers once it is read again', async () => {
    // Given brokers whose listing fails twice, then answers
    const admin = adminAnswering(kafkajsListingFailure(), kafkajsListingFailure(), ['tickets.events.v1', 'intake.events.v1']);

    // When the topics are listed
    const names = await listTopicNames(admin, { timeoutMs: 10_000 });

    // Then the names come from the third read
    expect(names).toEqual(['tickets.events.v1', 'intake.events.v1']);
    expect(admin.asked).toBe(3);
  });

  it('given a listing that keeps failing, fails at the bound, naming the last error', async () => {
    // Given brokers whose listing always fails
    const admin = adminAnswering(kafkajsListingFailure());

    // When the topics are listed with a short bound
    const failure = await listTopicNames(admin, { timeoutMs: 500 }).catch((error: unknown) => error);

    // Then it fails after asking more than once, naming kafkajs's error
    expect(failure).toBeInstanceOf(TopicListingFailedError);
    expect((failure as Error).message).toContain("TypeError: Cannot destructure property 'topicMetadata' of 'null'");
    expect(admin.asked).toBeGreaterThan(1);
  });

  it('given a read the brokers never answer, fails at the bound rather than waiting for it', async () => {
    // Given brokers whose listing fails once, then is never answered (kafkajs retrying inside the read)
    const admin = adminAnswering(kafkajsListingFailure(), 'never');

    // When the topics are listed with a short bound
    const failure = await listTopicNames(admin, { timeoutMs: 500 }).catch((error: unknown) => error);

    // Then it fails, saying the read was still in hand and naming the error before it
    expect(failure).toBeInstanceOf(TopicListingFailedError);
    expect((failure as Error).message).toContain('still unanswered at the bound');
    expect((failure as Error).message).toContain('TypeError');
  });
});

/** A broker error as kafkajs gives it: its protocol type, inside the error kafkajs gave up with. */
function brokerAnswered(type: string): Error {
  return new Error('kafkajs gave up', { cause: Object.assign(new Error(type), { type }) });
}

/**
 * An admin deleting topics as the controller answers each (`gone`: already deleted, `refused`: not
 * allowed) and as kafkajs fails a request: with the first failing topic's answer by name alone.
 */
function adminDeleting(answers: Record<string, 'deleted' | 'gone' | 'refused'>) {
  const requests: string[][] = [];
  return {
    requests,
    deleteTopics: async ({ topics }: { topics: string[] }): Promise<void> => {
      requests.push(topics);
      const failing = topics.filter((topic) => answers[topic] !== 'deleted').sort();
      if (failing.length === 0) return;
      throw brokerAnswered(answers[failing[0]!] === 'gone' ? 'UNKNOWN_TOPIC_OR_PARTITION' : 'TOPIC_AUTHORIZATION_FAILED');
    },
  };
}

describe('deleteListedTopics', () => {
  it('given a listed topic another client already deleted, deletes the others and succeeds', async () => {
    const admin = adminDeleting({ 'a.gone': 'gone', 'b.events': 'deleted', 'c.events': 'deleted' });

    await deleteListedTopics(admin, ['a.gone', 'b.events', 'c.events']);

    // Each asked alone after the whole request answered the first one's absence
    expect(admin.requests).toEqual([['a.gone', 'b.events', 'c.events'], ['a.gone'], ['b.events'], ['c.events']]);
  });

  it('given a refusal hidden behind an absent topic ahead of it by name, fails with the refusal', async () => {
    const admin = adminDeleting({ 'a.gone': 'gone', 'b.events': 'refused' });

    const failure = await deleteListedTopics(admin, ['a.gone', 'b.events']).catch((error: unknown) => error);

    expect(((failure as Error).cause as { type?: string }).type).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('given a refusal the whole request names, fails with it without asking again', async () => {
    const admin = adminDeleting({ 'a.events': 'refused', 'b.gone': 'gone' });

    const failure = await deleteListedTopics(admin, ['a.events', 'b.gone']).catch((error: unknown) => error);

    expect(((failure as Error).cause as { type?: string }).type).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(admin.requests).toHaveLength(1);
  });

  it('given a single topic already deleted, succeeds at once', async () => {
    const admin = adminDeleting({ 'a.gone': 'gone' });

    await deleteListedTopics(admin, ['a.gone']);

    expect(admin.requests).toEqual([['a.gone']]);
  });
});
