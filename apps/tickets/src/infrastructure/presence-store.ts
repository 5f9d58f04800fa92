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

  /** Records a heartbeat, forgets the entries that expired, and tells the streams. */
  async write(ticketId: string, presence: Presence, expired: readonly string[]): Promise<void> {
    const stored: StoredPresence = { name: presence.name, mode: presence.mode, since: presence.since.toISOString(), expiresAt: presence.expiresAt.toISOString() };
    const multi = this.client.multi().hSet(this.key(ticketId), presence.userId, JSON.stringify(stored));
    if (expired.length > 0) multi.hDel(this.key(ticketId), [...expired]);
    await multi.expire(this.key(ticketId), PRESENCE_TTL_SECONDS).exec();
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
