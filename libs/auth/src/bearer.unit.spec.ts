import { extractBearerToken } from './bearer';
import { AuthenticationError } from './errors';

function reasonOf(header: Parameters<typeof extractBearerToken>[0]): string {
  try {
    extractBearerToken(header);
  } catch (error: unknown) {
    if (error instanceof AuthenticationError) return error.reason;
    throw error;
  }
  throw new Error('expected extractBearerToken to throw');
}

describe('extractBearerToken', () => {
  it('returns the token, accepting any casing of the scheme', () => {
    expect(extractBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(extractBearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('reports an absent header as missing', () => {
    expect(reasonOf(undefined)).toBe('missing');
    expect(reasonOf('')).toBe('missing');
  });

  it('reports other schemes, empty tokens and repeated headers as malformed', () => {
    expect(reasonOf('Basic dXNlcjpwYXNz')).toBe('malformed');
    expect(reasonOf('Bearer ')).toBe('malformed');
    expect(reasonOf('Bearer a b')).toBe('malformed');
    expect(reasonOf(['Bearer a', 'Bearer b'])).toBe('malformed');
  });
});
