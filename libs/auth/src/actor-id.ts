import { createHash } from 'node:crypto';

/** The longest user id the platform records: the events name who acted in at most 64 characters (@cs/contracts). */
export const MAX_ACTOR_ID_LENGTH = 64;

/**
 * Begins every derived id. A subject that already begins so is derived too, so an identity
 * provider's subject can never be taken for another user's derived id.
 */
export const DERIVED_ACTOR_ID_PREFIX = 'sha256:';

/**
 * The id a user acts and is found by in events, history, assignments and audiences: their
 * token's subject when it fits in 64 characters, else `sha256:` and the unpadded base64url of the
 * SHA-256 of its UTF-8 bytes (50 characters; ADR 0102). Stable for as long as the subject is, so
 * every record names one person the same way, and computable by anyone who knows the subject.
 */
export function actorIdOf(subject: string): string {
  if (subject.length <= MAX_ACTOR_ID_LENGTH && !subject.startsWith(DERIVED_ACTOR_ID_PREFIX)) return subject;
  return DERIVED_ACTOR_ID_PREFIX + createHash('sha256').update(subject, 'utf8').digest('base64url');
}
