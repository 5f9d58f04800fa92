import type { JWTPayload } from 'jose';
import { AuthenticationError } from './errors';

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export interface LifetimeLimits {
  readonly maxLifetimeSeconds: number;
  readonly clockToleranceSeconds: number;
}

function badClaims(message: string): AuthenticationError {
  return new AuthenticationError('bad_claims', message);
}

/**
 * Refuses a token minted to live longer than allowed, or minted in the future. A bearer token
 * cannot be revoked, so one that lives for years is a leak waiting to happen, and either shape
 * points at a forged token or a misconfigured issuer. jose has already checked that `exp` is a
 * number not yet past and that `iat`, when present, is a number.
 */
export function assertAcceptableLifetime(claims: JWTPayload, limits: LifetimeLimits, nowSeconds: number): void {
  const { exp, iat } = claims;
  if (exp === undefined) throw badClaims('missing "exp" claim');
  if (iat !== undefined && iat > nowSeconds + limits.clockToleranceSeconds) {
    throw badClaims('token issued in the future ("iat" is later than now)');
  }
  // Without `iat` the lifetime left is measured on our clock, so the issuer's skew is allowed for.
  const lifetime = iat === undefined ? exp - nowSeconds - limits.clockToleranceSeconds : exp - iat;
  if (lifetime > limits.maxLifetimeSeconds) {
    throw badClaims(`token lifetime exceeds the maximum of ${limits.maxLifetimeSeconds} seconds`);
  }
}
