import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { IdempotencyScope } from './idempotency-key';

/**
 * Where one client's Idempotency-Key is kept, and the key its record is sealed with.
 *
 * A record holds the answer as the client got it: a customer's view, a contact with what the
 * caller said. Redis keeps it for a day, and Redis is a cache: dumped for debugging, snapshotted
 * to disk, shared more widely than the database. So the record is encrypted (AES-256-GCM) under
 * a key derived from the client's Idempotency-Key, which Redis never holds: the entry's name is
 * a hash of it. Reading a record takes the request that made it; a dump of Redis reads as noise.
 * (ADR 0068.)
 */
export interface IdempotencySlot {
  readonly redisKey: string;
  /** The owner and key hashed: what a committed command records the key by (`IdempotencyCommitLog`). */
  readonly digest: string;
  readonly sealingKey: Buffer;
}

const SEALED_FORMAT = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function idempotencySlot(service: string, scope: IdempotencyScope, key: string): IdempotencySlot {
  const owner = scope.kind === 'principal' ? `sub:${encodeURIComponent(scope.sub)}` : `anonymous:${encodeURIComponent(scope.route)}`;
  // The owner is URI-encoded and a key is visible ASCII: neither holds a newline, so the pair is unambiguous.
  const name = createHash('sha256').update(`${owner}\n${key}`).digest('hex');
  return {
    redisKey: `idempotency:${encodeURIComponent(service)}:v${SEALED_FORMAT}:${name}`,
    digest: name,
    sealingKey: Buffer.from(hkdfSync('sha256', key, `${service}\n${owner}`, 'cs-platform idempotency record', 32)),
  };
}

/** `plaintext` encrypted and authenticated, as a JSON string of its own format. */
export function seal(sealingKey: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return JSON.stringify({ v: SEALED_FORMAT, iv: iv.toString('base64'), data: data.toString('base64') });
}

/** The plaintext of a sealed record; throws when it was not sealed with this key or was altered. */
export function unseal(sealingKey: Buffer, sealed: { readonly iv: string; readonly data: string }): string {
  const data = Buffer.from(sealed.data, 'base64');
  if (data.length < TAG_BYTES) throw new Error('unreadable idempotency record');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

export const isSealed = (value: Record<string, unknown>): value is { v: number; iv: string; data: string } =>
  value['v'] === SEALED_FORMAT && typeof value['iv'] === 'string' && typeof value['data'] === 'string';
