import type { Admin } from 'kafkajs';
import { TOPICS } from '@cs/contracts';
import type { PlatformKafka } from '@cs/messaging';
import { LagSample, round } from './figures';
import { sleep } from './copy';

/** A watch started by ConsumerLag.watch: stop it to get its samples. */
export interface LagWatch {
  readonly startedAt: number;
  stop(): Promise<LagSample[]>;
}

/**
 * The copy's consumer groups' lag, read from the brokers: per group, the records on the event
 * topics it reads that lie past its committed offsets. A topic the group has committed nothing
 * on is taken as one it does not read (every group commits on its topics within a batch of
 * starting). The rebuild's own groups are left out: they are not live consumers.
 */
export class ConsumerLag {
  private constructor(
    private readonly kafka: PlatformKafka,
    private readonly admin: Admin,
    /** The groups' names on the brokers, and the prefix that makes them the copy's. */
    private readonly groups: readonly string[],
    private readonly prefix: string,
  ) {}

  static async connect(kafka: PlatformKafka): Promise<ConsumerLag> {
    const admin = kafka.admin();
    await admin.connect();
    const ours = kafka.names.group('');
    const { groups } = await admin.listGroups();
    const live = groups.map((g) => g.groupId).filter((id) => id.startsWith(ours) && !id.includes('.rebuild.'));
    return new ConsumerLag(kafka, admin, live.sort(), ours);
  }

  async lag(): Promise<Record<string, number>> {
    const topics = Object.values(TOPICS).map((t) => this.kafka.names.topic(t));
    const ends = new Map(
      await Promise.all(topics.map(async (topic) => [topic, new Map((await this.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]))] as const)),
    );
    const lags: Record<string, number> = {};
    for (const group of this.groups) {
      let behind = 0;
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId: group, topics })) {
        if (partitions.every((p) => p.offset === '-1')) continue;
        for (const p of partitions) {
          const end = ends.get(topic)?.get(p.partition);
          if (!end) continue;
          const at = p.offset === '-1' ? Number(end.low) : Number(p.offset);
          behind += Math.max(0, Number(end.high) - at);
        }
      }
      lags[group.slice(this.prefix.length)] = behind;
    }
    return lags;
  }

  /** Samples every group's lag every `everyMs` until stopped; a sample the brokers did not answer is left out. */
  watch(everyMs = 1_000): LagWatch {
    const samples: LagSample[] = [];
    const startedAt = Date.now();
    let watching = true;
    const loop = (async () => {
      while (watching) {
        const at = Date.now();
        try {
          samples.push({ atSeconds: round((at - startedAt) / 1000), lag: await this.lag() });
        } catch {
          // the next sample tries again
        }
        await sleep(Math.max(0, everyMs - (Date.now() - at)));
      }
    })();
    return {
      startedAt,
      stop: async () => {
        watching = false;
        await loop;
        return samples;
      },
    };
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
