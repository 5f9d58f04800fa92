import { Grants, isGrants } from './idempotency-grants';
import { IdempotencySlot, isSealed, seal, unseal } from './idempotency-slot';

/** What is replayed: the status, the body as the handler produced it, and the headers that matter. */
export interface StoredResponse {
  readonly status: number;
  /** Absent when the handler produced no body. */
  readonly body?: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface CompletedEntry {
  readonly state: 'completed';
  readonly fingerprint: string;
  readonly response: StoredResponse;
  /** The signed-in caller's rights the answer was given under; absent for an anonymous caller. */
  readonly grants?: Grants;
}

export type IdempotencyEntry = { readonly state: 'in_progress'; readonly fingerprint: string } | CompletedEntry;

/**
 * A key's record as both stores keep it: Redis for the day, and the command's
 * `idempotency_commits` row once it committed (ADR 0160). Sealed under the slot's key (ADR 0068),
 * so neither holds the answer, the fingerprint or the key in clear.
 */
export function sealEntry(slot: IdempotencySlot, entry: IdempotencyEntry & { readonly token?: string }): string {
  return seal(slot.sealingKey, JSON.stringify(entry));
}

/** A record as stored; throws when it was not sealed under this slot's key or is not a record. */
export function openEntry(slot: IdempotencySlot, raw: string): IdempotencyEntry {
  const stored: unknown = JSON.parse(raw);
  if (isRecord(stored) && isSealed(stored)) return entryOf(JSON.parse(unseal(slot.sealingKey, stored)));
  throw new Error('unreadable idempotency record');
}

function entryOf(value: unknown): IdempotencyEntry {
  if (isRecord(value) && typeof value['fingerprint'] === 'string') {
    const fingerprint = value['fingerprint'];
    if (value['state'] === 'in_progress') return { state: 'in_progress', fingerprint };
    const { response, grants } = value;
    if (value['state'] === 'completed' && isStoredResponse(response) && (grants === undefined || isGrants(grants))) {
      return { state: 'completed', fingerprint, response, ...(grants === undefined ? {} : { grants }) };
    }
  }
  throw new Error('unreadable idempotency record');
}

function isStoredResponse(value: unknown): value is StoredResponse {
  return (
    isRecord(value) &&
    typeof value['status'] === 'number' &&
    isRecord(value['headers']) &&
    Object.values(value['headers']).every((header) => typeof header === 'string')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
