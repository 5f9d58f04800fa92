import { AuthenticationError } from './errors';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/** Pulls the token out of an `Authorization` header value (RFC 6750 §2.1). */
export function extractBearerToken(authorization: string | readonly string[] | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw new AuthenticationError('missing', 'missing Authorization header with a Bearer token');
  }
  if (typeof authorization !== 'string') {
    throw new AuthenticationError('malformed', 'multiple Authorization headers');
  }
  const match = BEARER.exec(authorization);
  if (match === null) {
    throw new AuthenticationError('malformed', 'Authorization header must be "Bearer <token>"');
  }
  return match[1];
}
