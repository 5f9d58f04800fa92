import { TopicListingFailedError, listTopicNames } from './topic-listing';

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
