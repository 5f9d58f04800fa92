import type { AuthenticationError } from '../errors';

const MAX_DESCRIPTION_LENGTH = 200;

/** RFC 6750 §3 limits error_description to printable ASCII without `"` and `\`. */
function description(message: string): string {
  return message.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?').slice(0, MAX_DESCRIPTION_LENGTH);
}

/**
 * A request with no credentials gets a bare challenge; a rejected token gets `invalid_token`
 * plus a description, so clients can tell "log in" from "refresh" (RFC 6750 §3.1).
 */
export function bearerChallenge(error: AuthenticationError): string {
  if (error.reason === 'missing') return 'Bearer';
  return `Bearer error="invalid_token", error_description="${description(error.message)}"`;
}

export const INSUFFICIENT_SCOPE_CHALLENGE = 'Bearer error="insufficient_scope"';
