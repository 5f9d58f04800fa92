import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import { DomainEvent, PlatformKafka, fromKafkaMessage } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { KAFKA, LOGGER } from '@cs/platform';
import { SHADOW_TABLES } from '../infrastructure/projection-tables';
import { Rebuild, RebuildPosition, advance, latestRebuild, startRebuild, swapIn } from '../infrastructure/rebuild.repository';
import { PROJECTIONS, projectEvent } from './project-event';

/** The topics the read model is built from, by the platform's names. */
const SOURCE_TOPICS = [...new Set(PROJECTIONS.map((p) => p.definition.topic))].sort();

const key = (topic: string, partition: number): string => `${topic}#${partition}`;

/**
 * 重建投影 — rebuilds the read model from the start of the topics into shadow tables while the
 * live tables keep serving and being written. Each event is applied with its partition's position
 * in one transaction, so a restart resumes where it stopped. Live handlers also write events past
 * the rebuild's end offsets to the shadow tables; once every partition reaches its end offset the
 * shadow tables replace the live ones.
 */
@Injectable()
export class RebuildProjections implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: Consumer;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: PlatformKafka,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await latestRebuild(this.dataSource.manager, 'running');
    if (unfinished) this.launch(unfinished);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  async progress(): Promise<Rebuild | undefined> {
    return latestRebuild(this.dataSource.manager);
  }

  /** Starts a rebuild up to the topics' current ends; 409 while one runs. */
  async start(by: string): Promise<Rebuild> {
    const positions = await this.currentEnds();
    const id = randomUUID();
    const started = await this.dataSource.transaction((tx) => startRebuild(tx, id, by, positions));
    if (!started) throw new DomainError('PROJECTION.REBUILD_RUNNING', 'conflict', 'a rebuild is running; follow its progress');
    const rebuild = (await latestRebuild(this.dataSource.manager)) as Rebuild;
    this.launch(rebuild);
    return rebuild;
  }

  /** Whether a live event must also go to the shadow tables: it lies past where the running rebuild reads to. */
  async shadowWants(topic: string, partition: number, offset: string): Promise<boolean> {
    const rebuild = await latestRebuild(this.dataSource.manager, 'running');
    const local = this.kafka.names.localTopic(topic);
    const position = rebuild?.positions.find((p) => p.topic === local && p.partition === partition);
    return position !== undefined && Number(offset) >= position.endOffset;
  }

  /** Resolves when the rebuild launched last has swapped in (for tests and the CLI). */
  async settled(): Promise<void> {
    await this.running;
  }

  private async currentEnds(): Promise<RebuildPosition[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const positions: RebuildPosition[] = [];
      for (const topic of SOURCE_TOPICS) {
        const offsets = await admin.fetchTopicOffsets(this.kafka.names.topic(topic));
        for (const o of offsets) positions.push({ topic, partition: o.partition, nextOffset: Number(o.low), endOffset: Number(o.high) });
      }
      return positions;
    } finally {
      await admin.disconnect();
    }
  }

  private launch(rebuild: Rebuild): void {
    this.running = this.replay(rebuild).catch((error: unknown) => {
      // The positions are committed: the next start of the service resumes from them.
      this.logger.error({ err: error, rebuild: rebuild.id }, 'projection rebuild stopped; it resumes when the service restarts');
    });
  }

  private async replay(rebuild: Rebuild): Promise<void> {
    const remaining = new Map(rebuild.positions.filter((p) => p.nextOffset < p.endOffset).map((p) => [key(p.topic, p.partition), p]));
    if (remaining.size > 0) await this.read(rebuild.id, remaining);
    await this.dataSource.transaction((tx) => swapIn(tx, rebuild.id));
    this.logger.info({ rebuild: rebuild.id }, 'projection rebuild swapped in');
  }

  private async read(id: string, remaining: Map<string, RebuildPosition>): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.kafka.names.group(`reporting.rebuild.${id}`) });
    this.consumer = consumer;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set([...remaining.values()].map((p) => this.kafka.names.topic(p.topic)))], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const local = this.kafka.names.localTopic(topic);
          const position = remaining.get(key(local, partition));
          const offset = Number(message.offset);
          if (!position || offset < position.nextOffset || offset >= position.endOffset) return;
          const event = decoded(message);
          await this.dataSource.transaction(async (tx) => {
            if (event) await projectEvent(event, tx, SHADOW_TABLES);
            await advance(tx, id, local, partition, offset);
          });
          if (offset + 1 >= position.endOffset) remaining.delete(key(local, partition));
          else remaining.set(key(local, partition), { ...position, nextOffset: offset + 1 });
          if (remaining.size === 0) done();
        },
      });
      await finished;
    } finally {
      await consumer.disconnect();
      this.consumer = undefined;
    }
  }
}

/** A record that is not an event of ours is passed over, as the live consumer dead-letters it. */
function decoded(message: Parameters<typeof fromKafkaMessage>[0]): DomainEvent | undefined {
  try {
    return fromKafkaMessage(message);
  } catch {
    return undefined;
  }
}
