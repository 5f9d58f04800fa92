import { type TopicName, deadLetterTopic } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn, shippingParcels } from '../testing';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { TRIES_ALONE, type Turn } from './tries-alone';

/**
 * A try taken alone waits for the one in hand in its process (ADR 0175), which may take up to the
 * handler timeout; what happens meanwhile is its consumer's, not the try's (ADR 0181): a consumer
 * stopping leaves at once, a partition handed over is the new owner's to try, and a try that
 * failed in any way, a thrown value of no class included, ends its turn.
 */
const names = consumerSuiteNames('turn-wait');
const { run, schema } = names;
const hanging = { topic: `test.turnhanging.${run}.v1` as TopicName, group: `turn-hanging-${run}` };
const queued = { topic: `test.turnqueued.${run}.v1` as TopicName, group: `turn-queued-${run}` };
const classless = { topic: `test.turnclassless.${run}.v1` as TopicName, group: `turn-classless-${run}` };
const handedOver = { topic: `test.turnhanded.${run}.v1` as TopicName, group: `turn-handed-${run}` };

/** A consumer's stop bound unless configured. */
const STOP_BOUND_MS = 10_000;
/** Past the session (6 s): a member heartbeating while it waits is put out by the rebalance's bound, not its session. */
const REBALANCE_TIMEOUT_MS = 10_000;

let bed: ConsumerTestbed;
const running: EventConsumer[] = [];
/** Every try alone of the process asks here for its turn: the test sees a try waiting. */
const asked = jest.spyOn(TRIES_ALONE, 'take');

beforeAll(async () => {
  const topics = [hanging, queued, classless, handedOver].flatMap(({ topic, group }) => [topic, deadLetterTopic(group)]);
  bed = await openConsumerTestbed(names, topics);
});

afterAll(async () => {
  asked.mockRestore();
  await Promise.all(running.map((c) => c.stop()));
  await bed?.drop();
});

/** How a member's handler takes the `nth` try it makes of a parcel: it throws to fail it. */
type Handling = (parcelId: string, nth: number) => Promise<void>;

/** A group's members on `topic`: each try of a parcel (`<member>:<parcel>`), and each parcel shipped. */
function groupOn({ topic, group }: { readonly topic: TopicName; readonly group: string }) {
  const Shipped = parcelShippedOn(topic);
  const tries: string[] = [];
  const shipped: string[] = [];
  const member = async (name: string, handling: Handling, options: Partial<EventConsumerOptions> = {}): Promise<EventConsumer> => {
    const made = new Map<string, number>();
    const dispatcher = shippingParcels(Shipped, async (parcelId) => {
      const nth = (made.get(parcelId) ?? 0) + 1;
      made.set(parcelId, nth);
      tries.push(`${name}:${parcelId}`);
      await handling(parcelId, nth);
      shipped.push(parcelId);
    });
    const consumer = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, dispatcher, { group, schema, maxAttempts: 3, initialBackoffMs: 20, sessionTimeoutMs: 6_000, ...options });
    running.push(consumer);
    await consumer.start();
    return consumer;
  };
  const publish = (parcelId: string) => bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);
  const deadLetters = async () => (await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high;
  return { tries, shipped, member, publish, deadLetters };
}

/** Its first try (made with its chunk, no turn taken) fails: every try after it is taken alone. */
const failsFirst =
  (then: () => Promise<void> = () => Promise.resolve()): Handling =>
  async (_parcelId, nth) => {
    if (nth === 1) throw new Error('the first try fails');
    await then();
  };

describe('a try taken alone waiting for its turn', () => {
  it('given another group\'s try alone hanging in the process, when its consumer stops, then the consumer leaves its group within its bound', async () => {
    // Given a try alone of one group hanging (its handler timeout far away)
    let release!: () => void;
    const hang = new Promise<void>((resolve) => (release = resolve));
    let hangs = false;
    await groupOn(hanging).member('hanging', failsFirst(() => ((hangs = true), hang)), { handlerTimeoutMs: 300_000 });
    await groupOn(hanging).publish('hanging-1');
    await eventually(() => expect(hangs).toBe(true), 60_000, 50);

    // And another group's try alone waiting behind it
    const waiting = groupOn(queued);
    const before = asked.mock.calls.length;
    const consumer = await waiting.member('queued', failsFirst());
    await waiting.publish('queued-1');
    await eventually(() => expect(asked.mock.calls.length).toBeGreaterThan(before), 60_000, 50);

    try {
      // When the waiting try's consumer stops
      const stopping = Date.now();
      await consumer.stop();

      // Then it returned within its bound, having left its group, the event untried
      expect(Date.now() - stopping).toBeLessThan(STOP_BOUND_MS);
      const { groups } = await bed.admin.describeGroups([bed.kafka.names.group(queued.group)]);
      expect(groups[0]?.members).toEqual([]);
      expect(waiting.tries).toEqual(['queued:queued-1']);
    } finally {
      release();
    }
  }, 120_000);

  it('given a try alone failing with a thrown object of no class, then each try is counted, the event dead-lettered after its attempts, and the next try alone of the process is given its turn', async () => {
    // Given a parcel whose handler throws, after its first try, what String cannot convert
    const parcels = groupOn(classless);
    const classlessAfterFirst = failsFirst(() => Promise.reject(Object.assign(Object.create(null) as object, { code: 'E_CLASSLESS' })));
    await parcels.member('classless', (parcelId, nth) => (parcelId.startsWith('classless') ? classlessAfterFirst(parcelId, nth) : Promise.resolve()));

    // When it is consumed, with a parcel behind it
    await parcels.publish('classless-1');
    await parcels.publish('parcel-2');

    // Then it is dead-lettered after its three tries, the parcel behind it shipped
    await eventually(async () => expect(await parcels.deadLetters()).toBe('1'), 60_000, 200);
    await eventually(() => expect(parcels.shipped).toEqual(['parcel-2']), 30_000, 100);
    expect(parcels.tries.filter((t) => t === 'classless:classless-1')).toHaveLength(3);

    // And the process's turn was let go: a try alone now is given its turn
    const turn = await Promise.race([TRIES_ALONE.take(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref())]);
    expect(turn).toBeInstanceOf(Function);
    turn?.();
  }, 120_000);

  it('given its partition handed to another member while it waits, then it is left untried to the partition\'s new owner', async () => {
    // Given the process's turn in hand (as a try alone hanging would hold it)
    const parcels = groupOn(handedOver);
    let held: Turn | undefined = await TRIES_ALONE.take();
    try {
      // And a member's try alone of a parcel waiting for it
      await parcels.member('first', failsFirst(), { rebalanceTimeoutMs: REBALANCE_TIMEOUT_MS });
      const before = asked.mock.calls.length;
      await parcels.publish('parcel-1');
      await eventually(() => expect(asked.mock.calls.length).toBeGreaterThan(before), 60_000, 50);

      // When a second member joins: the first, in its batch, cannot join again, and once the rebalance
      // gives up waiting for it the partition is the second's, whose try alone waits behind the first's
      const joined = asked.mock.calls.length;
      await parcels.member('second', () => Promise.resolve(), { rebalanceTimeoutMs: REBALANCE_TIMEOUT_MS });
      await eventually(() => expect(asked.mock.calls.length).toBeGreaterThan(joined), 120_000, 100);

      // And the turn in hand ends
      held?.();
      held = undefined;

      // Then the parcel is tried by its new owner, not by the member that lost it
      await eventually(() => expect(parcels.shipped).toEqual(['parcel-1']), 60_000, 100);
      expect(parcels.tries).toEqual(['first:parcel-1', 'second:parcel-1']);
    } finally {
      held?.();
    }
  }, 240_000);
});
