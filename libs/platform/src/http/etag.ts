import { DomainError } from '@cs/ddd';

/**
 * Weak, because the version names the resource's state, not the bytes of one response: a
 * masked and an unmasked read, or the active-only and the full catalogue, share a version.
 */
export function weakEtag(version: number): string {
  return `W/"${version}"`;
}

/** An ETag this API issued (weak or strong): a version number in quotes. */
export const ENTITY_TAG_PATTERN = /^(?:W\/)?"(\d+)"$/;

/** What an If-Match header may hold: `*`, or an ETag this API issued. */
export const IF_MATCH_PATTERN = /^(?:\*|(?:W\/)?"(\d+)")$/;

/**
 * The version an If-Match header names, for optimistic concurrency. Absent or `*` (RFC 9110:
 * any current representation) expect no particular version. Any digits are a well-formed tag,
 * so one this service never issued is merely stale (412 downstream), not malformed.
 *
 * @param code the caller's problem code for a header that is no ETag at all (422)
 */
export function parseIfMatch(header: string | undefined, code: string): number | undefined {
  if (header === undefined) return undefined;
  const match = IF_MATCH_PATTERN.exec(header.trim());
  if (!match) throw new DomainError(code, 'invalid', 'If-Match must be an ETag from a previous read', 'If-Match');
  return match[1] === undefined ? undefined : Number(match[1]);
}

