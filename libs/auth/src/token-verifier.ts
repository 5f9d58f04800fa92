import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type JWTVerifyResult,
} from 'jose';
import { assertValidAuthOptions, type AuthOptions, type ValidatedAuthOptions } from './auth-options';
import { extractBearerToken } from './bearer';
import { principalFromClaims } from './claims';
import { AuthenticationError } from './errors';
import { translateJoseError } from './jose-errors';
import type { Principal } from './principal';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, LifetimeLimits, assertAcceptableLifetime } from './token-lifetime';
import { VERIFIED_TOKENS, VerifiedTokens, type VerifiedTokensOptions } from './verified-tokens';

export interface TokenVerifier {
  /**
   * Resolves to the validated Principal, or rejects with AuthenticationError (bad token) or
   * KeySetUnavailableError (JWKS endpoint unreachable).
   */
  verify(token: string | undefined): Promise<Principal>;
  /** Same as `verify`, starting from a raw `Authorization` header value. */
  verifyAuthorizationHeader(authorization: string | readonly string[] | undefined): Promise<Principal>;
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

type VerificationKey =
  | { readonly kind: 'secret'; readonly secret: KeyObject }
  | { readonly kind: 'jwks'; readonly getKey: JWTVerifyGetKey };

function keyFor(options: ValidatedAuthOptions): VerificationKey {
  return options.mode === 'hs256'
    ? // A key object made once: given the secret's bytes, jose makes one for every token it checks.
      { kind: 'secret', secret: createSecretKey(Buffer.from(options.secret, 'utf8')) }
    : { kind: 'jwks', getKey: createRemoteJWKSet(new URL(options.jwksUrl)) };
}

const clockToleranceOf = (options: ValidatedAuthOptions) => options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;

function verifyOptions(options: ValidatedAuthOptions): JWTVerifyOptions {
  return {
    // Pinning algorithms per mode stops algorithm-confusion attacks, e.g. an HS256 token
    // "signed" with a published RSA public key being accepted by the JWKS verifier.
    algorithms: options.mode === 'hs256' ? ['HS256'] : ['RS256', 'ES256'],
    // A token without `exp` would be valid forever; refuse rather than trust the issuer's care.
    requiredClaims: ['exp'],
    clockTolerance: clockToleranceOf(options),
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined
      ? {}
      : { audience: typeof options.audience === 'string' ? options.audience : [...options.audience] }),
  };
}

/**
 * A token that names no key (no `kid`) matches every key of its algorithm in the set: two while the
 * identity provider rotates its keys, and jose leaves trying them to the caller. The key whose
 * signature holds verifies it, claims and all; a token none of them signed is a bad signature.
 */
async function verifiedByKeySet(token: string, getKey: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<JWTVerifyResult> {
  try {
    return await jwtVerify(token, getKey, options);
  } catch (error: unknown) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const candidate of error) {
      try {
        return await jwtVerify(token, candidate, options);
      } catch (attempt: unknown) {
        if (!(attempt instanceof errors.JWSSignatureVerificationFailed)) throw attempt;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

async function verifiedClaims(token: string, key: VerificationKey, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    // jose declares the secret and key-set forms as separate overloads, hence the split.
    const result =
      key.kind === 'secret' ? await jwtVerify(token, key.secret, options) : await verifiedByKeySet(token, key.getKey, options);
    return result.payload;
  } catch (error: unknown) {
    throw translateJoseError(error);
  }
}

/**
 * Build once at startup: the JWKS variant caches fetched keys for the verifier's lifetime, and
 * tokens that passed are held by this verifier alone for a minute at most (ADR 0061).
 */
export function createTokenVerifier(options: AuthOptions, holding: VerifiedTokensOptions = VERIFIED_TOKENS): TokenVerifier {
  const validated = assertValidAuthOptions(options);
  const verified = new VerifiedTokens(holding);
  const key = keyFor(validated);
  const joseOptions = verifyOptions(validated);
  const limits: LifetimeLimits = {
    maxLifetimeSeconds: validated.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    clockToleranceSeconds: clockToleranceOf(validated),
  };

  const verify = async (token: string | undefined): Promise<Principal> => {
    if (token === undefined || token.trim() === '') {
      throw new AuthenticationError('missing', 'missing bearer token');
    }
    const held = verified.claimsOf(token);
    const claims = held ?? (await verifiedClaims(token, key, joseOptions));
    assertAcceptableLifetime(claims, limits, Math.floor(Date.now() / 1000));
    const principal = principalFromClaims(claims);
    if (!held) verified.remember(token, claims);
    return principal;
  };

  return {
    verify,
    verifyAuthorizationHeader: async (authorization) => verify(extractBearerToken(authorization)),
  };
}
