import type { JWTPayload } from 'jose';
import { actorIdOf } from './actor-id';
import { AuthenticationError } from './errors';
import { isRole, ROLES, type Principal, type Role } from './principal';

function badClaims(message: string): AuthenticationError {
  return new AuthenticationError('bad_claims', message);
}

/** The longest text a claim may hold: ids, names and codes are far shorter; anything longer is no claim we issue. */
const MAX_CLAIM_LENGTH = 200;
/**
 * The longest subject, as OpenID Connect bounds it. One longer than the 64 characters the events
 * record is acted on by its derived id (`actorIdOf`, ADR 0102).
 */
const MAX_SUBJECT_LENGTH = 255;
/** How many entries an array claim may hold: a user's projects or permissions are tens. */
const MAX_CLAIM_ENTRIES = 500;
/** Control characters (NUL among them) or half of a surrogate pair: text Postgres or a log line cannot hold as given. */
function unstorable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return !text.isWellFormed();
}

/**
 * A claim's text as the services may store it (the access log keeps who read what) and act on:
 * not blank, not longer than any claim we issue, and without characters Postgres refuses, which
 * turned a request of such a token into a 500 where it was stored.
 */
function nonEmptyString(value: unknown, maxLength = MAX_CLAIM_LENGTH): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= maxLength && !unstorable(value);
}

function stringArray(claims: JWTPayload, claim: string): string[] | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_CLAIM_ENTRIES || !value.every((entry) => nonEmptyString(entry))) {
    throw badClaims(`"${claim}" claim must be an array of at most ${MAX_CLAIM_ENTRIES} non-empty strings of at most ${MAX_CLAIM_LENGTH} characters`);
  }
  return [...new Set(value)];
}

function rolesFrom(claims: JWTPayload): Role[] {
  const roles = stringArray(claims, 'roles');
  if (roles === undefined) throw badClaims('missing "roles" claim');
  // Routes without @Roles admit any role, so a role-less principal would pass them on permissions alone.
  if (roles.length === 0) throw badClaims('"roles" claim must name at least one role');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw badClaims(`unknown role(s) ${unknown.join(', ')}; expected any of ${ROLES.join(', ')}`);
  }
  return roles.filter(isRole);
}

function optionalString(claims: JWTPayload, claim: string): string | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (!nonEmptyString(value)) throw badClaims(`"${claim}" claim must be a non-empty string of at most ${MAX_CLAIM_LENGTH} characters, without control characters`);
  return value;
}

/**
 * Turns an already signature-checked claims set into a Principal, rejecting anything that does
 * not fit: authorization decisions downstream trust these fields without re-checking them.
 */
export function principalFromClaims(claims: JWTPayload): Principal {
  if (!nonEmptyString(claims.sub, MAX_SUBJECT_LENGTH)) {
    throw badClaims(`missing, empty or unusable "sub" claim (at most ${MAX_SUBJECT_LENGTH} characters, without control characters)`);
  }
  const sub = actorIdOf(claims.sub);
  const department = optionalString(claims, 'department');
  const projects = stringArray(claims, 'projects');
  return {
    sub,
    // Access tokens from some identity providers omit display names; the user's id still
    // identifies them in logs and audit trails, which is all `name` is used for.
    name: optionalString(claims, 'name') ?? sub,
    roles: rolesFrom(claims),
    permissions: stringArray(claims, 'permissions') ?? [],
    ...(department === undefined ? {} : { department }),
    ...(projects === undefined ? {} : { projects }),
    ...(typeof claims.exp === 'number' ? { expiresAt: new Date(claims.exp * 1000) } : {}),
  };
}
