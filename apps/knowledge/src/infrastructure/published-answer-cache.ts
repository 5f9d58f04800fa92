import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@cs/platform';
import type { RedisClient } from '@cs/persistence';
import type { AnswerVersion } from './answer.repository';

const KEY = (answerId: string) => `knowledge:published:${answerId}`;
/** A safety net: invalidation on publish and retire is what keeps entries right. */
const TTL_SECONDS = 3600;

interface Cached {
  readonly answerId: string;
  readonly version: number;
  readonly content: AnswerVersion['content'];
  readonly approvedBy: string;
  readonly publishedAt: string;
}

/**
 * The version in force of published answers, for search results and suggestions. Redis holds
 * nothing that cannot be read again from Postgres: any Redis failure is a miss, never an error.
 */
@Injectable()
export class PublishedAnswerCache {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async get(answerIds: readonly string[]): Promise<Map<string, AnswerVersion>> {
    const found = new Map<string, AnswerVersion>();
    if (answerIds.length === 0 || !this.redis.isReady) return found;
    try {
      const values = await this.redis.mGet(answerIds.map(KEY));
      values.forEach((value) => {
        if (typeof value !== 'string') return;
        const c = JSON.parse(value) as Cached;
        found.set(c.answerId, { ...c, publishedAt: new Date(c.publishedAt) });
      });
    } catch {
      return new Map();
    }
    return found;
  }

  async put(versions: readonly AnswerVersion[]): Promise<void> {
    if (versions.length === 0 || !this.redis.isReady) return;
    try {
      const multi = this.redis.multi();
      for (const v of versions) multi.set(KEY(v.answerId), JSON.stringify({ ...v, publishedAt: v.publishedAt.toISOString() }), { EX: TTL_SECONDS });
      await multi.exec();
    } catch {
      // A cache that cannot be written is only slower.
    }
  }

  async invalidate(answerId: string): Promise<void> {
    if (!this.redis.isReady) return;
    try {
      await this.redis.del(KEY(answerId));
    } catch {
      // The TTL ends a stale entry if Redis failed just now; search also skips answers no longer in force.
    }
  }
}
