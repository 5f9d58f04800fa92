import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { LOGGER, REDIS, RedisChannel, SERVICE_CONFIG } from '@cs/platform';
import { PRESENCE_MODES, PRESENCE_TTL_SECONDS, Presence, PresenceMode } from '../domain/ticket-presence';

/** A presence as Redis holds it, one hash field per user. */
interface StoredPresence {
  readonly name: string;
  readonly mode: PresenceMode;
  readonly since: string;
  readonly expiresAt: string;
}

function parsed(userId: string, value: string): Presence | undefined {
  try {
    const stored = JSON.parse(value) as Partial<StoredPresence>;
    if (typeof stored.name !== 'string' || !PRESENCE_MODES.includes(stored.mode as PresenceMode)) return undefined;
    const since = new Date(String(stored.since));
    const expiresAt = new Date(String(stored.expiresAt));
    if (Number.isNaN(since.getTime()) || Number.isNaN(expiresAt.getTime())) return undefined;
    return { userId, name: stored.name, mode: stored.mode as PresenceMode, since, expiresAt };
  } catch {
    return undefined;
  }
}

/**
 * HSET the caller's entry, HDEL every other entry whose expiresAt (an ISO instant, so ordered as
 * text) is not after ARGV[3], and renew the hash's TTL, in one step. An entry that is not JSON is
 * left to the hash's own expiry, as a read leaves it out.
 */
const WRITE_AND_FORGET_EXPIRED = `
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  if entries[i] ~= ARGV[1] then
    local ok, entry = pcall(cjson.decode, entries[i + 1])
    if ok and type(entry) == 'table' and type(entry.expiresAt) == 'string' and entry.expiresAt <= ARGV[3] then
      redis.call('HDEL', KEYS[1], entries[i])
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1
`;

/**
 * 协同提示 — who has which ticket open, in Redis: one hash per ticket (user → presence), the
 * whole hash expiring a TTL after its last heartbeat and each entry carrying its own expiry, so
 * a tab closed without saying goodbye drops out by itself. A change is announced on a pub/sub
 * channel, which the live streams of every replica listen on. Nothing here is worth keeping:
 * a lost Redis loses only who is looking now.
 */
@Injectable()
export class PresenceStore extends RedisChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly prefix: string;

  constructor(@Inject(REDIS) private readonly client: RedisClient, @Inject(LOGGER) logger: Logger, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super(client, logger, config, 'tickets:presence');
    this.prefix = `${config.kafka.topicPrefix ? `${config.kafka.topicPrefix}:` : ''}tickets:presence:`;
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** Whether Redis is connected: when it is not, reads are not even tried. */
  get available(): boolean {
    return this.client.isReady;
  }

  /** Everyone recorded on the ticket, expired entries included (the domain drops them); fails when Redis does. */
  async read(ticketId: string): Promise<Presence[]> {
    const fields = await this.client.hGetAll(this.key(ticketId));
    return Object.entries(fields).flatMap(([userId, value]) => parsed(userId, value) ?? []);
  }

  /**
   * Records a heartbeat, forgets the entries expired at `now`, and tells the streams. Which
   * entries expired is judged in Redis as they are stored now, not as the caller read them: a
   * reader whose heartbeat landed between that read and this write would otherwise be dropped.
   */
  async write(ticketId: string, presence: Presence, now: Date): Promise<void> {
    const stored: StoredPresence = { name: presence.name, mode: presence.mode, since: presence.since.toISOString(), expiresAt: presence.expiresAt.toISOString() };
    await this.client.eval(WRITE_AND_FORGET_EXPIRED, {
      keys: [this.key(ticketId)],
      arguments: [presence.userId, JSON.stringify(stored), now.toISOString(), String(PRESENCE_TTL_SECONDS)],
    });
    await this.publish(ticketId);
  }

  async remove(ticketId: string, userId: string): Promise<void> {
    await this.client.hDel(this.key(ticketId), userId);
    await this.publish(ticketId);
  }

  private key(ticketId: string): string {
    return `${this.prefix}${ticketId}`;
  }
}
