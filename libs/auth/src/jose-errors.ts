import { errors } from 'jose';
import { AuthenticationError, KeySetUnavailableError } from './errors';

/**
 * Maps jose's error zoo onto our small set of reasons. Anything jose raises while fetching or
 * parsing the key set (and plain network errors, which jose passes through) is an
 * infrastructure failure, not a bad token.
 */
export function translateJoseError(error: unknown): AuthenticationError | KeySetUnavailableError {
  if (error instanceof AuthenticationError || error instanceof KeySetUnavailableError) return error;
  const cause = { cause: error };
  if (error instanceof errors.JWTExpired) {
    return new AuthenticationError('expired', 'token expired', cause);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new AuthenticationError('bad_claims', `invalid "${error.claim}" claim: ${error.message}`, cause);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationError('bad_signature', 'token signature verification failed', cause);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new AuthenticationError('bad_signature', 'no trusted key matches the token', cause);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthenticationError('bad_signature', 'token signing algorithm is not accepted', cause);
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new AuthenticationError('malformed', `malformed token: ${error.message}`, cause);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new KeySetUnavailableError(`could not obtain token verification keys: ${detail}`, cause);
}
