import { SignJWT } from 'jose';
import { actorIdOf } from './actor-id';
import { MIN_SECRET_LENGTH } from './auth-options';
import { AuthConfigError } from './errors';
import { isRole, ROLES, type Role } from './principal';

export interface DevTokenInput {
  /** One role or several; at least one is required. */
  readonly roles: Role | readonly Role[];
  /** Defaults to `dev-user`. */
  readonly sub?: string;
  /** Defaults to the user's id: `sub`, or the id derived from a subject longer than 64 characters (ADR 0102). */
  readonly name?: string;
  readonly permissions?: readonly string[];
  readonly department?: string;
  readonly projects?: readonly string[];
  /** A jose duration such as `8h`, `30m`, `2d`, or seconds. Defaults to `8h`. */
  readonly expiresIn?: string | number;
  /** Set these when the services verify `iss` / `aud`, otherwise the token is rejected. */
  readonly issuer?: string;
  readonly audience?: string;
}

export const DEFAULT_DEV_TOKEN_TTL = '8h';

/** The documented development secret; the service configuration refuses it in production. */
export { DEV_JWT_SECRET } from '@cs/config';

function rolesOf(input: DevTokenInput): Role[] {
  const roles = typeof input.roles === 'string' ? [input.roles] : [...input.roles];
  // Callers such as the CLI pass through unchecked strings; fail here rather than mint a token
  // every service would reject.
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new AuthConfigError(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  if (roles.length === 0) throw new AuthConfigError('a dev token needs at least one role');
  return [...new Set(roles)];
}

const TTL = /^[+-]? ?\d+(\.\d+)? ?(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|y|yr|yrs|year|years)$/i;

function ttlOf(expiresIn: string | number): string {
  // jose reads a bare number as an absolute timestamp; a TTL in seconds is what callers mean.
  const ttl = typeof expiresIn === 'number' ? `${expiresIn}s` : expiresIn.trim();
  if (!TTL.test(ttl)) throw new AuthConfigError(`invalid expiry "${expiresIn}"; use e.g. 30m, 8h, 2d`);
  return ttl;
}

/** Mints an HS256 token for local development and tests; it carries exactly the claims the verifier reads. */
export async function signDevToken(input: DevTokenInput, secret: string): Promise<string> {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthConfigError(`the signing secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const sub = input.sub ?? 'dev-user';
  const jwt = new SignJWT({
    // A long subject is no display name (it may be an address) and may pass the 200 characters a name may have.
    name: input.name ?? actorIdOf(sub),
    roles: rolesOf(input),
    permissions: [...(input.permissions ?? [])],
    ...(input.department === undefined ? {} : { department: input.department }),
    ...(input.projects === undefined ? {} : { projects: [...input.projects] }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(ttlOf(input.expiresIn ?? DEFAULT_DEV_TOKEN_TTL));
  if (input.issuer !== undefined) jwt.setIssuer(input.issuer);
  if (input.audience !== undefined) jwt.setAudience(input.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
