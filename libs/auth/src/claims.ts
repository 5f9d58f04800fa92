import type { JWTPayload } from 'jose';
import { AuthenticationError } from './errors';
import { isRole, ROLES, type Principal, type Role } from './principal';

function badClaims(message: string): AuthenticationError {
  return new AuthenticationError('bad_claims', message);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function stringArray(claims: JWTPayload, claim: string): string[] | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(nonEmptyString)) {
    throw badClaims(`"${claim}" claim must be an array of non-empty strings`);
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
  if (!nonEmptyString(value)) throw badClaims(`"${claim}" claim must be a non-empty string`);
  return value;
}

/**
 * Turns an already signature-checked claims set into a Principal, rejecting anything that does
 * not fit: authorization decisions downstream trust these fields without re-checking them.
 */
export function principalFromClaims(claims: JWTPayload): Principal {
  if (!nonEmptyString(claims.sub)) throw badClaims('missing or empty "sub" claim');
  const department = optionalString(claims, 'department');
  const projects = stringArray(claims, 'projects');
  return {
    sub: claims.sub,
    // Access tokens from some identity providers omit display names; the subject still
    // identifies the user in logs and audit trails, which is all `name` is used for.
    name: optionalString(claims, 'name') ?? claims.sub,
    roles: rolesFrom(claims),
    permissions: stringArray(claims, 'permissions') ?? [],
    ...(department === undefined ? {} : { department }),
    ...(projects === undefined ? {} : { projects }),
    ...(typeof claims.exp === 'number' ? { expiresAt: new Date(claims.exp * 1000) } : {}),
  };
}
