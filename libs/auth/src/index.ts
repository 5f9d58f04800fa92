export {
  ROLES,
  Permission,
  canAccessProject,
  hasAnyRole,
  isRole,
  missingPermissions,
  type Principal,
  type Role,
} from './principal';
export {
  AuthConfigError,
  AuthenticationError,
  KeySetUnavailableError,
  type AuthenticationFailureReason,
} from './errors';
export {
  MIN_SECRET_LENGTH,
  assertValidAuthOptions,
  type AuthMode,
  type AuthOptions,
  type ValidatedAuthOptions,
} from './auth-options';
export { extractBearerToken } from './bearer';
export { DERIVED_ACTOR_ID_PREFIX, MAX_ACTOR_ID_LENGTH, actorIdOf } from './actor-id';
export { principalFromClaims } from './claims';
export { DEFAULT_CLOCK_TOLERANCE_SECONDS, createTokenVerifier, type TokenVerifier } from './token-verifier';
export { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './token-lifetime';
export { DEFAULT_DEV_TOKEN_TTL, DEV_JWT_SECRET, signDevToken, type DevTokenInput } from './dev-token';
export { AUTH_OPTIONS, TOKEN_VERIFIER } from './nest/auth.constants';
export { AuthGuard } from './nest/auth.guard';
export { AuthModule } from './nest/auth.module';
export {
  CurrentUser,
  IS_PUBLIC_KEY,
  PERMISSIONS_KEY,
  Public,
  ROLES_KEY,
  RequirePermissions,
  Roles,
  RolesByRule,
  ROLES_BY_RULE_KEY,
  type RoleRule,
} from './nest/decorators';
export { PRINCIPAL, getPrincipal, type AuthenticatedRequest } from './nest/request-principal';
export {
  ALL_PROJECTS,
  anyInProjectScope,
  inProjectScope,
  projectScopeOf,
  scopedProjects,
  type ProjectScope,
} from './project-scope';
export {
  CurrentScope,
  PROJECT_SCOPING_KEY,
  ScopedByProject,
  SharedAcrossProjects,
  type ProjectScoping,
} from './nest/project-scoping';
export { isPublicRoute, roleRuleOfRoute, rolesOfRoute, type RouteTargets } from './nest/route-access';
