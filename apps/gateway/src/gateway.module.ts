import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { GatewayConfig } from '@cs/config';
import { ServiceMetrics } from '@cs/observability';
import { LOGGER, METRICS, ProblemDetailsFilter, serviceLogger } from '@cs/platform';
import { DevTokenController } from './dev-sign-in/dev-token.controller';
import { Draining } from './health/draining';
import { GatewayHealthController } from './health/health.controller';
import { GATEWAY_CONFIG } from './tokens';

/** 网关 — one origin for front ends: routes, CORS, the merged API document and dev sign-in. No database. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [GatewayHealthController, ...(config.devTokens.enabled ? [DevTokenController] : [])],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: LOGGER, useValue: serviceLogger('gateway', config.logLevel) },
        { provide: METRICS, useValue: new ServiceMetrics('gateway') },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        Draining,
      ],
    };
  }
}
