import type { FastifyRequest } from 'fastify';
import type { Principal } from '../principal';

/**
 * Symbol.for (not a local Symbol) so the key stays identical even if this module is loaded
 * twice, e.g. once from dist and once through a path alias.
 */
export const PRINCIPAL = Symbol.for('cs.auth.principal');

export type AuthenticatedRequest = FastifyRequest & { [PRINCIPAL]?: Principal };

export function setPrincipal(request: FastifyRequest, principal: Principal): void {
  (request as AuthenticatedRequest)[PRINCIPAL] = principal;
}

/** The principal the AuthGuard attached, or undefined on @Public() routes. */
export function getPrincipal(request: FastifyRequest): Principal | undefined {
  return (request as AuthenticatedRequest)[PRINCIPAL];
}
