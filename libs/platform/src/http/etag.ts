import { ApiHeader } from '@nestjs/swagger';
import { DomainError } from '@cs/ddd';

/**
 * Weak, because the version names the resource's state, not the bytes of one response: a
 * masked and an unmasked read, or the active-only and the full catalogue, share a version.
 */
export function weakEtag(version: number): string {
  return `W/"${version}"`;
}

/**
 * The version an If-Match header names, for optimistic concurrency. Absent or `*` (RFC 9110:
 * any current representation) expect no particular version. Any digits are a well-formed tag,
 * so one this service never issued is merely stale (412 downstream), not malformed.
 *
 * @param code the caller's problem code for a header that is no ETag at all (422)
 */
export function parseIfMatch(header: string | undefined, code: string): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(value);
  if (!match) throw new DomainError(code, 'invalid', 'If-Match must be an ETag from a previous read', 'If-Match');
  return Number(match[1]);
}

/** Documents the optional If-Match header every versioned resource honours, with its shape. */
export function ApiIfMatch(description = 'the ETag of the version acted on; 412 when stale'): MethodDecorator & ClassDecorator {
  return ApiHeader({ name: 'If-Match', required: false, description, schema: { type: 'string', pattern: '^(\\*|(W/)?"\\d+")$' } });
}
