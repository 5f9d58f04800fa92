import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, KeySetUnavailableError } from '../errors';
import { hasAnyRole, missingPermissions, type Principal } from '../principal';
import type { TokenVerifier } from '../token-verifier';
import { TOKEN_VERIFIER } from './auth.constants';
import { PERMISSIONS_KEY } from './decorators';
import { PROJECT_SCOPING_KEY, type ProjectScoping } from './project-scoping';
import { setPrincipal } from './request-principal';
import { RouteTargets, isPublicRoute, rolesOfRoute } from './route-access';
import { bearerChallenge, INSUFFICIENT_SCOPE_CHALLENGE } from './www-authenticate';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny-by-default: every HTTP route needs a valid bearer token unless marked @Public().
 * Registered globally by AuthModule.forRoot.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message consumers in hybrid apps have no Authorization header; the broker authenticates them.
    if (context.getType() !== 'http') return true;
    const targets: RouteTargets = [context.getHandler(), context.getClass()];
    if (isPublicRoute(this.reflector, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const principal = await this.authenticate(request, reply);
    setPrincipal(request, principal);
    this.authorize(principal, targets, reply);
    this.guardSharedWrites(principal, targets, request.method, reply);
    return true;
  }

  /**
   * Data shared by every project (catalogue, calendars, SLA policies) is changed only by users
   * serving every project: a user limited to some would otherwise change the others' rules.
   */
  private guardSharedWrites(principal: Principal, targets: RouteTargets, method: string, reply: FastifyReply): void {
    const scoping = this.reflector.getAllAndOverride<ProjectScoping | undefined>(PROJECT_SCOPING_KEY, targets);
    if (scoping?.kind !== 'shared' || SAFE_METHODS.has(method) || principal.projects === undefined) return;
    reply.header('WWW-Authenticate', INSUFFICIENT_SCOPE_CHALLENGE);
    throw new ForbiddenException('data shared by every project is changed only by users serving every project');
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    try {
      return await this.verifier.verifyAuthorizationHeader(request.headers.authorization);
    } catch (error: unknown) {
      if (error instanceof AuthenticationError) {
        reply.header('WWW-Authenticate', bearerChallenge(error));
        throw new UnauthorizedException(error.message, { cause: error });
      }
      if (error instanceof KeySetUnavailableError) {
        this.logger.error(error.message);
        throw new ServiceUnavailableException('authentication keys are temporarily unavailable', { cause: error });
      }
      throw error;
    }
  }

  private authorize(principal: Principal, targets: RouteTargets, reply: FastifyReply): void {
    const roles = rolesOfRoute(this.reflector, targets);
    if (roles !== undefined && !hasAnyRole(principal, roles)) {
      reply.header('WWW-Authenticate', INSUFFICIENT_SCOPE_CHALLENGE);
      const wording = roles.length === 1 ? `role ${roles[0]}` : `one of the roles ${roles.join(', ')}`;
      throw new ForbiddenException(`requires ${wording}`);
    }
    const required = this.reflector.getAll<(string[] | undefined)[]>(PERMISSIONS_KEY, targets).flatMap((p) => p ?? []);
    const missing = missingPermissions(principal, required);
    if (missing.length > 0) {
      reply.header('WWW-Authenticate', INSUFFICIENT_SCOPE_CHALLENGE);
      throw new ForbiddenException(`missing permission${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
    }
  }
}
