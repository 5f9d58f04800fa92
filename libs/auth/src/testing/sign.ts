import { SignJWT, type JWTPayload, type KeyLike } from 'jose';

export const TEST_SECRET = 'unit-test-secret-that-is-long-enough-0001';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export interface RawTokenOptions {
  readonly alg?: 'HS256' | 'RS256' | 'ES256';
  readonly kid?: string;
  /** Seconds relative to now; `null` leaves `exp` out entirely. */
  readonly expiresInSeconds?: number | null;
  /** Seconds relative to now; absent leaves `iat` out, as some identity providers do. */
  readonly issuedAtSeconds?: number;
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * Signs arbitrary claims, including invalid ones, so tests can exercise what signDevToken
 * deliberately refuses to produce.
 */
export async function signRaw(
  claims: JWTPayload,
  key: KeyLike | Uint8Array | string,
  options: RawTokenOptions = {},
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({
    alg: options.alg ?? 'HS256',
    ...(options.kid === undefined ? {} : { kid: options.kid }),
  });
  const expiresIn = options.expiresInSeconds === undefined ? 3600 : options.expiresInSeconds;
  if (expiresIn !== null) jwt.setExpirationTime(nowSeconds() + expiresIn);
  if (options.issuedAtSeconds !== undefined) jwt.setIssuedAt(nowSeconds() + options.issuedAtSeconds);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(typeof key === 'string' ? new TextEncoder().encode(key) : key);
}

export const AGENT_CLAIMS = { sub: 'u-1', name: 'Agent One', roles: ['agent'] } as const;
