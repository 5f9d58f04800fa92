import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '@cs/persistence';
import { REDIS } from '../../tokens';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, ResolvedIdempotencyOptions, resolveIdempotencyOptions } from './idempotency.options';
import { IdempotencyEntry, openEntry, sealEntry } from './idempotency-record';
import type { IdempotencySlot } from './idempotency-slot';

export type { IdempotencyEntry, StoredResponse } from './idempotency-record';

/** Proof of ownership of a key: the exact reservation value, compared before overwriting or deleting. */
export interface Reservation {
  readonly slot: IdempotencySlot;
  readonly value: string;
}

export type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly reservation: Reservation }
  | { readonly kind: 'existing'; readonly entry: IdempotencyEntry };

// Read and conditional write in one script: two requests racing for the same key cannot both
// see it free, and the loser learns what it lost to without a second round trip.
const RESERVE = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false`;

// Overwrites only our own reservation, or nothing if it expired meanwhile (the handler did run,
// so its result is still worth keeping); never a reservation another request took over.
const COMPLETE = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Idempotency records in Redis. Every method rejects when Redis is unreachable. */
@Injectable()
export class IdempotencyStore {
  private readonly options: ResolvedIdempotencyOptions;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(IDEMPOTENCY_OPTIONS) options: IdempotencyOptions,
  ) {
    this.options = resolveIdempotencyOptions(options);
  }

  async reserve(slot: IdempotencySlot, fingerprint: string): Promise<ReserveOutcome> {
    // The token makes each reservation value unique, so compare-and-set cannot mistake another
    // request's reservation of the same body for ours (the seal's random IV would too; the token
    // does not depend on it).
    const value = sealEntry(slot, { state: 'in_progress', fingerprint, token: randomUUID() });
    const current = await this.redis.eval(RESERVE, {
      keys: [slot.redisKey],
      arguments: [value, String(this.options.inProgressTtlSeconds)],
    });
    if (current === null) return { kind: 'reserved', reservation: { slot, value } };
    if (typeof current !== 'string') throw new Error(`unexpected reply from the idempotency reserve script: ${typeof current}`);
    return { kind: 'existing', entry: openEntry(slot, current) };
  }

  /**
   * Stores `record` (the completed entry, sealed: `sealEntry`) in place of the reservation. False
   * when another request holds the key now, i.e. our reservation expired and was taken over.
   */
  async complete(reservation: Reservation, record: string): Promise<boolean> {
    const stored = await this.redis.eval(COMPLETE, {
      keys: [reservation.slot.redisKey],
      arguments: [reservation.value, record, String(this.options.ttlSeconds)],
    });
    return stored === 1;
  }

  async release(reservation: Reservation): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [reservation.slot.redisKey], arguments: [reservation.value] });
  }
}
