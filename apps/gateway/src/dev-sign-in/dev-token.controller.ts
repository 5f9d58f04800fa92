import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, presentProps } from '@cs/ddd';
import { signDevToken } from '@cs/auth';
import type { GatewayConfig } from '@cs/config';
import { GATEWAY_CONFIG } from '../tokens';
import { DevTokenDto, DevTokenRequestDto } from './dev-token.dto';

const DEFAULT_LIFETIME_SECONDS = 8 * 3600;

/**
 * Development sign-in for people at a browser, not only scripts: a token for any role, signed
 * with the secret the services verify in development. Registered only when DEV_TOKENS_ENABLED
 * is true, which the configuration refuses in production.
 */
@ApiTags('dev sign-in')
@Controller('v1/dev')
export class DevTokenController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mint a development token',
    description: 'Development only (DEV_TOKENS_ENABLED=true). Paste `token` into Authorize. No token is needed to call this.',
    security: [],
  })
  @ApiOkResponse({ type: DevTokenDto })
  async token(@Body() body: DevTokenRequestDto): Promise<DevTokenDto> {
    const { secret, issuer, audience, maxLifetimeSeconds } = this.config.devTokens;
    const expiresIn = body.expiresInSeconds ?? Math.min(DEFAULT_LIFETIME_SECONDS, maxLifetimeSeconds);
    if (expiresIn > maxLifetimeSeconds) {
      throw new DomainError('DEV_TOKEN.TOO_LONG_LIVED', 'invalid', `tokens live at most ${maxLifetimeSeconds} s`, 'expiresInSeconds', undefined, {
        code: 'out_of_range',
        params: { min: 60, max: maxLifetimeSeconds },
      });
    }
    const token = await signDevToken(
      {
        roles: body.roles,
        ...presentProps({ sub: body.sub, name: body.name, department: body.department, issuer, audience }),
        ...(body.projects === undefined ? {} : { projects: body.projects }),
        ...(body.permissions === undefined ? {} : { permissions: body.permissions }),
        expiresIn,
      },
      secret,
    );
    return { token, tokenType: 'Bearer', expiresIn, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
  }
}
