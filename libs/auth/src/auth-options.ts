import { AuthConfigError } from './errors';

export type AuthMode = 'hs256' | 'jwks';

interface CommonOptions {
  /** When set, the token's `iss` must equal it. */
  readonly issuer?: string;
  /** When set, the token's `aud` must contain it (or one of them). */
  readonly audience?: string | readonly string[];
  /** Allowed clock skew between us and the token issuer. Defaults to 5 seconds. */
  readonly clockToleranceSeconds?: number;
  /** The longest lifetime (`exp` − `iat`) a token may be minted with. Defaults to 24 hours. */
  readonly maxTokenLifetimeSeconds?: number;
}

export interface AuthOptions extends CommonOptions {
  readonly mode: AuthMode;
  /** HS256 shared secret; required in `hs256` mode. */
  readonly secret?: string;
  /** URL of the identity provider's JSON Web Key Set; required in `jwks` mode. */
  readonly jwksUrl?: string;
}

/** AuthOptions after validation: exactly the fields its mode needs are known to be present. */
export type ValidatedAuthOptions =
  | (CommonOptions & { readonly mode: 'hs256'; readonly secret: string })
  | (CommonOptions & { readonly mode: 'jwks'; readonly jwksUrl: string });

export const MIN_SECRET_LENGTH = 32;

/** Fails fast at startup instead of rejecting every request later with a confusing 401. */
export function assertValidAuthOptions(options: AuthOptions): ValidatedAuthOptions {
  const tolerance = options.clockToleranceSeconds;
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new AuthConfigError('clockToleranceSeconds must be a non-negative number');
  }
  const maxLifetime = options.maxTokenLifetimeSeconds;
  if (maxLifetime !== undefined && !(Number.isFinite(maxLifetime) && maxLifetime > 0)) {
    throw new AuthConfigError('maxTokenLifetimeSeconds must be a positive number');
  }
  const { secret, jwksUrl } = options;
  if (options.mode === 'hs256') {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
      throw new AuthConfigError(`hs256 mode needs a secret of at least ${MIN_SECRET_LENGTH} characters`);
    }
    return { ...options, mode: 'hs256', secret };
  }
  if (options.mode === 'jwks') {
    if (jwksUrl === undefined || !URL.canParse(jwksUrl)) {
      throw new AuthConfigError(`jwks mode needs a valid jwksUrl, got "${jwksUrl}"`);
    }
    const { protocol } = new URL(jwksUrl);
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new AuthConfigError(`jwksUrl must be http(s), got "${protocol}"`);
    }
    return { ...options, mode: 'jwks', jwksUrl };
  }
  // Options often arrive from untyped config, so the compile-time union is not a guarantee.
  throw new AuthConfigError(`unknown auth mode "${String(options.mode)}"`);
}
