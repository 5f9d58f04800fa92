export const ROLES = ['agent', 'supervisor', 'quality', 'handler', 'manager', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Well-known permission names. Tokens may carry permissions not listed here (the identity
 * provider owns the vocabulary), so `Principal.permissions` stays `string[]`; this object exists
 * so services reference permissions by name instead of repeating string literals.
 */
export const Permission = {
  CustomerPiiRead: 'customer.pii.read',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export interface Principal {
  /**
   * The user's id wherever the platform records or looks for them: the token's subject, or for
   * one longer than 64 characters its derived id (`actorIdOf`, ADR 0102).
   */
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly permissions: readonly string[];
  readonly department?: string;
  /** Undefined means the principal is not restricted to particular projects. */
  readonly projects?: readonly string[];
  /** When the token it came from expires: what was granted on it, a stream above all, ends then. */
  readonly expiresAt?: Date;
}

export function canAccessProject(principal: Principal, projectCode: string): boolean {
  return principal.projects === undefined || principal.projects.includes(projectCode);
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

export function missingPermissions(principal: Principal, required: readonly string[]): string[] {
  return required.filter((permission) => !principal.permissions.includes(permission));
}
