export type AuthenticationFailureReason =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'bad_signature'
  | 'bad_claims';

/** The caller's credentials are absent or unacceptable: always the client's problem (HTTP 401). */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';

  constructor(
    readonly reason: AuthenticationFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The verification keys could not be obtained (JWKS endpoint down, slow or returning garbage).
 * Kept apart from AuthenticationError so an identity-provider outage is not reported to clients
 * as "your token is invalid", which would make them discard perfectly good tokens.
 */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The auth configuration itself is unusable; raised at startup, never per request. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}
