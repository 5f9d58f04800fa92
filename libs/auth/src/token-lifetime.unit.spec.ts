import { AuthenticationError } from './errors';
import { assertAcceptableLifetime } from './token-lifetime';

const NOW = 1_800_000_000;
const limits = { maxLifetimeSeconds: 3600, clockToleranceSeconds: 5 };

function refusal(claims: { exp?: number; iat?: number }): string | undefined {
  try {
    assertAcceptableLifetime(claims, limits, NOW);
    return undefined;
  } catch (error: unknown) {
    if (!(error instanceof AuthenticationError) || error.reason !== 'bad_claims') throw error;
    return error.message;
  }
}

const TOO_LONG = 'token lifetime exceeds the maximum of 3600 seconds';

describe('a token’s lifetime', () => {
  it('given iat, is measured from iat to exp, exactly', () => {
    expect(refusal({ iat: NOW - 600, exp: NOW - 600 + 3600 })).toBeUndefined();
    expect(refusal({ iat: NOW - 600, exp: NOW - 600 + 3601 })).toBe(TOO_LONG);
    expect(refusal({ iat: NOW, exp: 1e20 })).toBe(TOO_LONG);
  });

  it('given no iat, is what is left of it on our clock, allowing for the issuer’s skew', () => {
    expect(refusal({ exp: NOW + 3605 })).toBeUndefined();
    expect(refusal({ exp: NOW + 3606 })).toBe(TOO_LONG);
    expect(refusal({ exp: 1e20 })).toBe(TOO_LONG);
  });

  it('given an iat later than now beyond the tolerance, is refused as issued in the future', () => {
    expect(refusal({ iat: NOW + 5, exp: NOW + 60 })).toBeUndefined();
    expect(refusal({ iat: NOW + 6, exp: NOW + 60 })).toBe('token issued in the future ("iat" is later than now)');
  });

  it('given no exp at all, is refused', () => {
    expect(refusal({ iat: NOW })).toBe('missing "exp" claim');
  });
});
